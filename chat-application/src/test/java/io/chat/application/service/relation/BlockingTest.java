package io.chat.application.service.relation;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.BlockedPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatServices;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BlockingTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB, CAROL);
  private final ChatServices chat = core.services;

  private static ErrorCode refusal(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  /** Every chat operation of {@code me} towards {@code other}. */
  private List<CompletionStage<?>> everyChatOperation(UserId me, UserId other, Sent sent) {
    List<Function<Void, CompletionStage<?>>> ops =
        List.of(
            x -> chat.openChat().openChat(me, other),
            x -> chat.readHistory().readHistory(me, other, HistoryRange.latest(10)),
            x ->
                chat.sendMessage()
                    .send(
                        new io.chat.application.port.in.SendMessage(
                            me, other, "hi", Optional.empty())),
            x -> chat.markAllSeen().markAllSeen(me, other),
            x -> chat.markSeen().markSeen(me, other, sent.message().id()),
            x -> chat.clearHistory().clearHistory(me, other),
            x -> chat.toggleMute().toggleMute(me, other, Optional.empty()),
            x -> chat.muteStatus().muteStatus(me, other),
            x -> chat.relayTyping().relayTyping(me, other, true));
    List<CompletionStage<?>> results = new ArrayList<>();
    ops.forEach(op -> results.add(op.apply(null)));
    return results;
  }

  @Test
  void whileEitherBlocksTheOtherEveryChatOperationIsRefusedBothWays() {
    Sent sent = core.send(ALICE, BOB, "hello");
    Await.done(chat.blockUser().block(ALICE, BOB));
    core.events.clear();

    for (CompletionStage<?> op : everyChatOperation(BOB, ALICE, sent)) {
      assertThat(refusal(op)).isEqualTo(ErrorCode.BLOCKED);
    }
    for (CompletionStage<?> op : everyChatOperation(ALICE, BOB, sent)) {
      assertThat(refusal(op)).isEqualTo(ErrorCode.BLOCKED);
    }
    assertThat(core.events.deliveries()).as("nothing passes").isEmpty();
  }

  @Test
  void theChatIsHiddenFromBothListsAndComesBackWithItsHistoryOnUnblock() {
    core.send(ALICE, BOB, "one");
    core.send(CAROL, BOB, "carol stays");
    Await.done(chat.blockUser().block(BOB, ALICE));

    assertThat(Await.done(chat.listChats().listChats(ALICE, PageRequest.first(10))).chats())
        .isEmpty();
    assertThat(Await.done(chat.listChats().listChats(BOB, PageRequest.first(10))).chats())
        .hasSize(1);

    Await.done(chat.unblockUser().unblock(BOB, ALICE));
    assertThat(Await.done(chat.listChats().listChats(ALICE, PageRequest.first(10))).chats())
        .hasSize(1);
    assertThat(
            Await.done(chat.readHistory().readHistory(BOB, ALICE, HistoryRange.latest(10)))
                .messages())
        .hasSize(1);
  }

  @Test
  void unblockingOneSideLeavesTheOthersBlockInForce() {
    core.send(ALICE, BOB, "one");
    Await.done(chat.blockUser().block(ALICE, BOB));
    Await.done(chat.blockUser().block(BOB, ALICE));

    Await.done(chat.unblockUser().unblock(ALICE, BOB));

    assertThat(refusal(chat.openChat().openChat(ALICE, BOB))).isEqualTo(ErrorCode.BLOCKED);
  }

  @Test
  void blockingIsIdempotentAndPrivateToTheBlocker() {
    Await.done(chat.blockUser().block(ALICE, BOB));
    Await.done(chat.blockUser().block(ALICE, BOB));
    Await.done(chat.unblockUser().unblock(CAROL, BOB));

    assertThat(Await.done(chat.listBlocked().listBlocked(ALICE, PageRequest.first(10))).users())
        .extracting(p -> p.id())
        .containsExactly(BOB);
    assertThat(Await.done(chat.listBlocked().listBlocked(BOB, PageRequest.first(10))).users())
        .isEmpty();
  }

  @Test
  void theBlockedListIsPagedById() {
    List<UserId> blocked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UserId u = UserId.of("u" + i);
      core.withUsers(u);
      Await.done(chat.blockUser().block(ALICE, u));
      blocked.add(u);
    }
    BlockedPage first = Await.done(chat.listBlocked().listBlocked(ALICE, PageRequest.first(2)));
    BlockedPage second =
        Await.done(chat.listBlocked().listBlocked(ALICE, new PageRequest(first.nextCursor(), 2)));
    BlockedPage third =
        Await.done(chat.listBlocked().listBlocked(ALICE, new PageRequest(second.nextCursor(), 2)));

    List<UserId> all = new ArrayList<>();
    for (BlockedPage page : List.of(first, second, third)) {
      page.users().forEach(p -> all.add(p.id()));
    }
    assertThat(all).isEqualTo(blocked);
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void nobodyBlocksThemselvesTheDeskOrSomebodyUnknown() {
    assertThat(refusal(chat.blockUser().block(ALICE, ALICE))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(chat.blockUser().block(ALICE, core.system())))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(chat.blockUser().block(ALICE, UserId.of("nobody"))))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void partnersWhoSawEachOtherOnlineSeeEachOtherGoOfflineOnBlockAndComeBackOnUnblock() {
    core.send(ALICE, BOB, "hi");
    Await.done(chat.goOnline().goOnline(ALICE));
    Await.done(chat.goOnline().goOnline(BOB));
    core.events.clear();

    Await.done(chat.blockUser().block(ALICE, BOB));
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOffline.class))
        .extracting(ChatEvent.UserOffline::userId)
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOffline.class))
        .extracting(ChatEvent.UserOffline::userId)
        .containsExactly(BOB);
    assertThat(Await.done(chat.goOnline().goOnline(BOB)).online()).doesNotContain(ALICE);

    Await.done(chat.unblockUser().unblock(ALICE, BOB));
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(ALICE);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOnline.class))
        .extracting(ChatEvent.UserOnline::userId)
        .containsExactly(BOB);
  }

  @Test
  void aBlockedPairGetsNoPush() {
    Await.done(chat.registerPushToken().registerPushToken(BOB, PushToken.of("tok-bob", null)));
    core.send(ALICE, BOB, "hi");
    Await.done(chat.blockUser().block(BOB, ALICE));

    Await.failure(
        chat.sendMessage()
            .send(new io.chat.application.port.in.SendMessage(ALICE, BOB, "x", Optional.empty())));

    assertThat(core.push.sentTo(BOB)).as("only the message before the block").hasSize(1);
  }
}
