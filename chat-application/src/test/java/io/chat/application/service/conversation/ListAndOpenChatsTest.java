package io.chat.application.service.conversation;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.OpenedChat;
import io.chat.application.port.in.PageRequest;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.chat.ChatType;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ListAndOpenChatsTest {
  private final InMemoryCore core =
      new InMemoryCore(ChatSettings.defaults(), 1_000, 1_000).withUsers(ALICE, BOB, CAROL, DAVE);

  private ChatPage list(UserId me, PageRequest page) {
    return Await.done(core.services.listChats().listChats(me, page));
  }

  private static ErrorCode refusal(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  private UserId otherIn(ChatView chat, UserId me) {
    return chat.participants().stream()
        .map(p -> p.id())
        .filter(id -> !id.equals(me))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void chatsComeLatestActivityFirstWithMyUnreadCountAndLastMessage() {
    core.send(BOB, ALICE, "from bob");
    core.clock.advance(Duration.ofSeconds(1));
    core.send(CAROL, ALICE, "from carol");
    core.send(CAROL, ALICE, "again carol");
    core.clock.advance(Duration.ofSeconds(1));
    core.send(ALICE, DAVE, "to dave");

    List<ChatView> chats = list(ALICE, PageRequest.first(50)).chats();

    assertThat(chats).extracting(c -> otherIn(c, ALICE)).containsExactly(DAVE, CAROL, BOB);
    assertThat(chats).extracting(ChatView::unreadCount).containsExactly(0L, 2L, 1L);
    assertThat(chats.get(1).lastMessage().orElseThrow().text()).isEqualTo("again carol");
    assertThat(chats)
        .allSatisfy(
            c -> {
              assertThat(c.type()).isEqualTo(ChatType.USER_CHAT);
              assertThat(c.muted()).isFalse();
            });
  }

  @Test
  void pagesFollowTheCursorWithoutGapsOrRepeats() {
    for (int i = 0; i < 7; i++) {
      UserId friend = UserId.of("friend-" + i);
      core.withUsers(friend);
      core.send(friend, ALICE, "hi " + i);
      core.clock.advance(Duration.ofMillis(10));
    }
    List<UserId> seen = new ArrayList<>();
    ChatPage page = list(ALICE, PageRequest.first(3));
    seen.addAll(page.chats().stream().map(c -> otherIn(c, ALICE)).toList());
    while (page.nextCursor().isPresent()) {
      page = list(ALICE, new PageRequest(page.nextCursor(), 3));
      seen.addAll(page.chats().stream().map(c -> otherIn(c, ALICE)).toList());
    }

    assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    assertThat(seen.get(0)).isEqualTo(UserId.of("friend-6"));
    assertThat(seen.get(6)).isEqualTo(UserId.of("friend-0"));
  }

  @Test
  void aCursorThisServerDidNotGiveIsRefused() {
    assertThat(
            refusal(
                core.services
                    .listChats()
                    .listChats(ALICE, new PageRequest(Optional.of("%%%not-a-cursor"), 10))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void chatsWithoutMessagesAreNotListedButOpeningIsIdempotent() {
    OpenedChat first = Await.done(core.services.openChat().openChat(ALICE, BOB));
    OpenedChat again = Await.done(core.services.openChat().openChat(BOB, ALICE));

    assertThat(again.chat().id()).isEqualTo(first.chat().id());
    assertThat(first.chat().lastMessage()).isEmpty();
    assertThat(list(ALICE, PageRequest.first(10)).chats()).isEmpty();
    assertThat(list(BOB, PageRequest.first(10)).chats()).isEmpty();
  }

  @Test
  void concurrentFirstContactOpensOneChat() {
    List<CompletableFuture<OpenedChat>> opens = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      UserId me = i % 2 == 0 ? ALICE : BOB;
      UserId other = i % 2 == 0 ? BOB : ALICE;
      opens.add(
          CompletableFuture.supplyAsync(
              () -> Await.done(core.services.openChat().openChat(me, other))));
    }

    assertThat(opens.stream().map(f -> f.join().chat().id()).distinct()).hasSize(1);
  }

  @Test
  void openingTellsWhetherTheOtherIsOnline() {
    assertThat(Await.done(core.services.openChat().openChat(ALICE, BOB)).otherUserOnline())
        .isFalse();
    Await.done(core.services.goOnline().goOnline(BOB));
    assertThat(Await.done(core.services.openChat().openChat(ALICE, BOB)).otherUserOnline())
        .isTrue();
  }

  @Test
  void openingWithMyselfOrAnUnknownUserIsRefused() {
    assertThat(refusal(core.services.openChat().openChat(ALICE, ALICE)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(core.services.openChat().openChat(ALICE, UserId.of("nobody"))))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void openingTheSystemUserOpensMySupportChatWithTheDesksProfile() {
    OpenedChat support = Await.done(core.services.openChat().openChat(ALICE, core.system()));

    assertThat(support.chat().type()).isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(support.chat().support()).isPresent();
    assertThat(support.chat().participants())
        .anySatisfy(
            p -> {
              assertThat(p.id()).isEqualTo(core.system());
              assertThat(p.fullName()).isEqualTo("Official Support");
              assertThat(p.verified()).isTrue();
            });
  }

  @Test
  void aUserNobodyKnowsAnyMoreShowsAsDeletedUser() {
    UserId gone = UserId.of("gone");
    core.send(gone, ALICE, "hi, then I left");

    ChatView chat = list(ALICE, PageRequest.first(10)).chats().get(0);
    assertThat(chat.participants())
        .anySatisfy(
            p -> {
              assertThat(p.id()).isEqualTo(gone);
              assertThat(p.fullName()).isEqualTo("Deleted user");
              assertThat(p.profilePic()).isEmpty();
              assertThat(p.verified()).isFalse();
            });
  }
}
