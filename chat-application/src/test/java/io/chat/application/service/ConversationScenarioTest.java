package io.chat.application.service;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.Sent;
import io.chat.application.port.in.TypingOutcome;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A whole conversation through the real services on in-memory ports: two users with two devices
 * each, then the support desk. Each step checks what the people involved would see.
 */
class ConversationScenarioTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB, CAROL);
  private final ChatServices chat = core.services;

  private static ErrorCode refusal(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  private List<MessageView> history(UserId me, UserId other) {
    return Await.done(chat.readHistory().readHistory(me, other, HistoryRange.latest(50)))
        .messages();
  }

  private List<ChatView> list(UserId me) {
    return Await.done(chat.listChats().listChats(me, PageRequest.first(50))).chats();
  }

  @Test
  void twoUsersChatBlockUnblockClearMuteAndTalkToSupport() {
    // Both connect two devices; neither is online for the other yet: they share no chat.
    assertThat(Await.done(chat.goOnline().goOnline(ALICE)).online()).isEmpty();
    Await.done(chat.goOnline().goOnline(ALICE));
    assertThat(Await.done(chat.goOnline().goOnline(BOB)).online()).isEmpty();
    Await.done(chat.goOnline().goOnline(BOB));
    Await.done(
        chat.registerPushToken()
            .registerPushToken(BOB, PushToken.of("ExponentPushToken[bob]", "ios")));

    // Alice opens the chat with Bob: it exists, empty, and Bob is online.
    var opened = Await.done(chat.openChat().openChat(ALICE, BOB));
    assertThat(opened.otherUserOnline()).isTrue();
    assertThat(opened.chat().participants()).extracting(p -> p.id()).containsExactly(ALICE, BOB);
    assertThat(list(ALICE)).isEmpty();

    // Alice types, then sends; Bob's devices hear both.
    assertThat(Await.done(chat.relayTyping().relayTyping(ALICE, BOB, true)))
        .isEqualTo(TypingOutcome.RELAYED);
    Sent hi = core.send(ALICE, BOB, "Hi Bob", "a-1");
    core.send(ALICE, BOB, "Are you there?", "a-2");
    assertThat(core.events.receivedBy(BOB, ChatEvent.Typing.class))
        .singleElement()
        .satisfies(t -> assertThat(t.isTyping()).isTrue());
    assertThat(core.events.receivedBy(BOB, ChatEvent.MessageNew.class)).hasSize(2);
    assertThat(core.push.sent()).as("Bob is online: no push").isEmpty();

    // Bob's list: one chat, two unread, last message first.
    assertThat(list(BOB))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.unreadCount()).isEqualTo(2);
              assertThat(c.lastMessage().orElseThrow().text()).isEqualTo("Are you there?");
            });

    // Bob reads: Alice hears seen up to seq 2, her messages show seen, Bob's unread is zero.
    assertThat(Await.done(chat.markAllSeen().markAllSeen(BOB, ALICE)).seenUpTo()).isEqualTo(2);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Seen.class))
        .singleElement()
        .satisfies(s -> assertThat(s.seq()).isEqualTo(2));
    assertThat(history(ALICE, BOB)).extracting(MessageView::seen).containsExactly(true, true);
    assertThat(list(BOB).get(0).unreadCount()).isZero();

    // Bob answers; Alice is online, so no push for her.
    core.send(BOB, ALICE, "Yes!");
    assertThat(core.push.sentTo(ALICE)).isEmpty();
    assertThat(history(BOB, ALICE))
        .extracting(MessageView::seen)
        .containsExactly(true, true, false);

    // Alice blocks Bob: everything is refused both ways and the chat disappears for both.
    Await.done(chat.blockUser().block(ALICE, BOB));
    assertThat(core.events.receivedBy(BOB, ChatEvent.UserOffline.class))
        .extracting(ChatEvent.UserOffline::userId)
        .contains(ALICE);
    assertThat(refusal(chat.openChat().openChat(BOB, ALICE))).isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(chat.readHistory().readHistory(BOB, ALICE, HistoryRange.latest(10))))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(chat.relayTyping().relayTyping(BOB, ALICE, true)))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(chat.markAllSeen().markAllSeen(ALICE, BOB))).isEqualTo(ErrorCode.BLOCKED);
    assertThat(list(ALICE)).isEmpty();
    assertThat(list(BOB)).isEmpty();
    assertThat(Await.done(chat.onlinePartners().onlinePartners(BOB)).online()).isEmpty();

    // Alice unblocks: the chat and its history are back.
    Await.done(chat.unblockUser().unblock(ALICE, BOB));
    assertThat(list(BOB)).hasSize(1);
    assertThat(history(BOB, ALICE)).hasSize(3);
    assertThat(Await.done(chat.onlinePartners().onlinePartners(BOB)).online())
        .containsExactly(ALICE);

    // Bob clears the chat for himself only.
    assertThat(Await.done(chat.clearHistory().clearHistory(BOB, ALICE)).clearedUpTo()).isEqualTo(3);
    assertThat(history(BOB, ALICE)).isEmpty();
    assertThat(history(ALICE, BOB)).hasSize(3);
    assertThat(core.events.receivedBy(BOB, ChatEvent.ChatCleared.class)).hasSize(1);

    // Bob goes offline on both devices; Alice hears it once, at the last.
    core.events.clear();
    Await.done(chat.goOffline().goOffline(BOB));
    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOffline.class)).isEmpty();
    Await.done(chat.goOffline().goOffline(BOB));
    assertThat(core.events.receivedBy(ALICE, ChatEvent.UserOffline.class)).hasSize(1);

    // Offline Bob gets a push; after muting, none; the mute ends by itself.
    core.send(ALICE, BOB, "Push me");
    assertThat(core.push.sentTo(BOB))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.title()).isEqualTo("Name of alice");
              assertThat(p.body()).isEqualTo("Push me");
            });
    var muted =
        Await.done(
            chat.toggleMute()
                .toggleMute(
                    BOB, ALICE, Optional.of(core.clock.instant().plus(Duration.ofHours(1)))));
    assertThat(muted.muted()).isTrue();
    core.send(ALICE, BOB, "Silent");
    assertThat(core.push.sentTo(BOB)).hasSize(1);
    core.clock.advance(Duration.ofHours(2));
    core.send(ALICE, BOB, "Loud again");
    assertThat(core.push.sentTo(BOB)).hasSize(2);
    assertThat(history(BOB, ALICE))
        .extracting(MessageView::text)
        .containsExactly("Push me", "Silent", "Loud again");
    assertThat(hi.message().seq()).isEqualTo(1);

    // Support round trip: Carol asks, staff answer as the system user, Carol asks again, staff
    // resolve.
    UserId desk = core.system();
    Sent question = core.send(CAROL, desk, "My trip is not verified");
    var supportChat = question.chatId();
    assertThat(core.events.receivedByStaff(ChatEvent.SupportMessageNew.class)).hasSize(1);
    var staff = InMemoryCore.staff(UserId.of("staff-1"));
    var open =
        Await.done(
                chat.listSupportChats()
                    .listSupportChats(
                        staff, Optional.of(SupportStatus.OPEN), PageRequest.first(10)))
            .chats();
    assertThat(open).extracting(ChatView::id).containsExactly(supportChat);
    assertThat(open.get(0).unreadCount()).isEqualTo(1);

    Sent answer =
        Await.done(
            chat.replyToSupportChat()
                .reply(staff, supportChat, "Looking into it", Optional.empty()));
    assertThat(answer.message().sender()).isEqualTo(desk);
    assertThat(core.events.receivedBy(CAROL, ChatEvent.MessageNew.class))
        .singleElement()
        .satisfies(m -> assertThat(m.message().sender()).isEqualTo(desk));
    assertThat(statusOf(supportChat)).isEqualTo(SupportStatus.WAITING_USER);

    Await.done(chat.markSupportChatRead().markSupportChatRead(staff, supportChat));
    assertThat(core.events.receivedBy(CAROL, ChatEvent.Seen.class))
        .singleElement()
        .satisfies(s -> assertThat(s.from()).isEqualTo(desk));

    Await.done(
        chat.updateSupportChat()
            .updateSupportChat(
                staff, supportChat, SupportChange.none().withStatus(SupportStatus.RESOLVED)));
    assertThat(statusOf(supportChat)).isEqualTo(SupportStatus.RESOLVED);
    core.send(CAROL, desk, "One more question");
    assertThat(statusOf(supportChat)).as("a new question reopens").isEqualTo(SupportStatus.OPEN);

    // Carol's own list shows the support chat with the desk's name; users cannot use the desk's
    // API.
    assertThat(list(CAROL))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.participants())
                    .anySatisfy(p -> assertThat(p.fullName()).isEqualTo("Official Support")));
    assertThat(
            refusal(
                chat.replyToSupportChat()
                    .reply(InMemoryCore.user(CAROL), supportChat, "I am staff", Optional.empty())))
        .isEqualTo(ErrorCode.FORBIDDEN);
    var reopened =
        Await.done(
            chat.openSupportChat()
                .openSupportChat(
                    staff,
                    CAROL,
                    Optional.of(RelatedEntity.of("trip_verification", "trip-42")),
                    Optional.empty()));
    assertThat(reopened.id()).isEqualTo(supportChat);
    assertThat(reopened.support().orElseThrow().relatedEntity())
        .contains(RelatedEntity.of("trip_verification", "trip-42"));
  }

  private SupportStatus statusOf(ChatId id) {
    return Await.done(core.chats.findById(id)).orElseThrow().support().orElseThrow().status();
  }
}
