package io.chat.application.service.support;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.Sent;
import io.chat.application.port.in.SupportChatDetail;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatServices;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class SupportDeskTest {
  private static final UserId STAFF_ID = UserId.of("staff-1");
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB, STAFF_ID);
  private final ChatServices chat = core.services;
  private final Actor staff = InMemoryCore.staff(STAFF_ID);
  private final Actor user = InMemoryCore.user(ALICE);

  private static ErrorCode refusal(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  private ChatView open(UserId who, Optional<RelatedEntity> about, Optional<String> first) {
    return Await.done(chat.openSupportChat().openSupportChat(staff, who, about, first));
  }

  @Test
  void everyDeskOperationIsForStaffOnly() {
    ChatId id = core.send(ALICE, core.system(), "help").chatId();

    assertThat(
            refusal(
                chat.listSupportChats()
                    .listSupportChats(user, Optional.empty(), PageRequest.first(5))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refusal(chat.readSupportChat().readSupportChat(user, id, HistoryRange.latest(5))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(
            refusal(
                chat.openSupportChat()
                    .openSupportChat(user, BOB, Optional.empty(), Optional.empty())))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refusal(chat.replyToSupportChat().reply(user, id, "fake", Optional.empty())))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(
            refusal(
                chat.updateSupportChat()
                    .updateSupportChat(
                        user, id, SupportChange.none().withStatus(SupportStatus.RESOLVED))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refusal(chat.markSupportChatRead().markSupportChatRead(user, id)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(
            refusal(
                chat.registerUser()
                    .registerUser(user, new UserProfile(BOB, "Bob", Optional.empty(), true))))
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void staffOpenAUsersSupportChatAboutAnEntityWithAFirstMessageFromTheDesk() {
    ChatView opened =
        open(
            ALICE,
            Optional.of(RelatedEntity.of("trip_verification", "trip-7")),
            Optional.of("Please send your licence"));

    assertThat(opened.type()).isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(opened.support().orElseThrow().status()).isEqualTo(SupportStatus.WAITING_USER);
    assertThat(opened.support().orElseThrow().relatedEntity())
        .contains(RelatedEntity.of("trip_verification", "trip-7"));
    assertThat(opened.lastMessage().orElseThrow().sender()).isEqualTo(core.system());
    assertThat(core.events.receivedBy(ALICE, ChatEvent.MessageNew.class))
        .singleElement()
        .satisfies(e -> assertThat(e.message().text()).isEqualTo("Please send your licence"));
    assertThat(core.events.receivedByStaff(ChatEvent.SupportMessageNew.class)).hasSize(1);

    ChatView again = open(ALICE, Optional.empty(), Optional.empty());
    assertThat(again.id()).isEqualTo(opened.id());
  }

  @Test
  void staffCannotOpenASupportChatForAnUnknownUserOrTheDeskItself() {
    assertThat(
            refusal(
                chat.openSupportChat()
                    .openSupportChat(
                        staff, UserId.of("ghost"), Optional.empty(), Optional.empty())))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(
            refusal(
                chat.openSupportChat()
                    .openSupportChat(staff, core.system(), Optional.empty(), Optional.empty())))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void theStatusFollowsTheConversation() {
    ChatId id = core.send(ALICE, core.system(), "question").chatId();
    assertThat(status(id)).isEqualTo(SupportStatus.OPEN);

    Await.done(chat.replyToSupportChat().reply(staff, id, "answer", Optional.empty()));
    assertThat(status(id)).isEqualTo(SupportStatus.WAITING_USER);

    Await.done(
        chat.updateSupportChat()
            .updateSupportChat(
                staff,
                id,
                SupportChange.none()
                    .withStatus(SupportStatus.RESOLVED)
                    .withAssignee(Optional.of(STAFF_ID))));
    assertThat(status(id)).isEqualTo(SupportStatus.RESOLVED);
    assertThat(core.events.receivedByStaff(ChatEvent.SupportChatUpdate.class))
        .last()
        .satisfies(
            u -> {
              assertThat(u.status()).isEqualTo(SupportStatus.RESOLVED);
              assertThat(u.assignedAdminId()).contains(STAFF_ID);
            });

    core.send(ALICE, core.system(), "new question");
    assertThat(status(id)).isEqualTo(SupportStatus.OPEN);
    assertThat(
            Await.done(core.chats.findById(id))
                .orElseThrow()
                .support()
                .orElseThrow()
                .assignedAdminId())
        .as("a message does not undo the assignment")
        .contains(STAFF_ID);
  }

  @Test
  void anEmptyUpdateIsRefusedAndAUserChatIsNoSupportChat() {
    ChatId support = core.send(ALICE, core.system(), "q").chatId();
    ChatId userChat = core.send(ALICE, BOB, "hi").chatId();

    assertThat(
            refusal(
                chat.updateSupportChat().updateSupportChat(staff, support, SupportChange.none())))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            refusal(
                chat.updateSupportChat()
                    .updateSupportChat(
                        staff, userChat, SupportChange.none().withStatus(SupportStatus.OPEN))))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(
            refusal(
                chat.readSupportChat().readSupportChat(staff, userChat, HistoryRange.latest(5))))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(chat.replyToSupportChat().reply(staff, userChat, "x", Optional.empty())))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void theDeskListIsFilteredByStatusAndShowsTheDesksUnreadCount() {
    ChatId alices = core.send(ALICE, core.system(), "a1").chatId();
    core.send(ALICE, core.system(), "a2");
    ChatId bobs = core.send(BOB, core.system(), "b1").chatId();
    Await.done(chat.replyToSupportChat().reply(staff, bobs, "answer", Optional.empty()));

    List<ChatView> open =
        Await.done(
                chat.listSupportChats()
                    .listSupportChats(
                        staff, Optional.of(SupportStatus.OPEN), PageRequest.first(10)))
            .chats();
    List<ChatView> all =
        Await.done(
                chat.listSupportChats()
                    .listSupportChats(staff, Optional.empty(), PageRequest.first(10)))
            .chats();

    assertThat(open).extracting(ChatView::id).containsExactly(alices);
    assertThat(open.get(0).unreadCount()).isEqualTo(2);
    assertThat(all).extracting(ChatView::id).containsExactlyInAnyOrder(alices, bobs);
  }

  @Test
  void readingAChatShowsItsMessagesAsTheDeskSeesThemAndMarkReadTellsTheUser() {
    ChatId id = core.send(ALICE, core.system(), "q1").chatId();
    core.send(ALICE, core.system(), "q2");

    SupportChatDetail detail =
        Await.done(chat.readSupportChat().readSupportChat(staff, id, HistoryRange.latest(10)));
    assertThat(detail.history().messages())
        .extracting(MessageView::text)
        .containsExactly("q1", "q2");
    assertThat(detail.history().messages()).extracting(MessageView::seen).containsOnly(false);

    assertThat(Await.done(chat.markSupportChatRead().markSupportChatRead(staff, id)).seenUpTo())
        .isEqualTo(2);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Seen.class))
        .singleElement()
        .satisfies(s -> assertThat(s.from()).isEqualTo(core.system()));
    assertThat(
            Await.done(chat.readSupportChat().readSupportChat(staff, id, HistoryRange.latest(10)))
                .chat()
                .unreadCount())
        .isZero();
  }

  @Test
  void aUsersReadOfTheDesksAnswerGoesToStaff() {
    ChatId id = core.send(ALICE, core.system(), "q").chatId();
    Await.done(chat.replyToSupportChat().reply(staff, id, "a", Optional.empty()));

    Await.done(chat.markAllSeen().markAllSeen(ALICE, core.system()));

    assertThat(core.events.receivedByStaff(ChatEvent.Seen.class))
        .singleElement()
        .satisfies(s -> assertThat(s.from()).isEqualTo(ALICE));
  }

  @Test
  void staffRepliesPushToAnOfflineUser() {
    ChatId id = core.send(ALICE, core.system(), "q").chatId();
    Await.done(chat.registerPushToken().registerPushToken(ALICE, PushToken.of("tok-a", "android")));

    Sent reply =
        Await.done(chat.replyToSupportChat().reply(staff, id, "we are on it", Optional.empty()));

    assertThat(reply.message().sender()).isEqualTo(core.system());
    assertThat(core.push.sentTo(ALICE))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.title()).isEqualTo(SystemUser.DEFAULT_NAME);
              assertThat(p.chatId()).isEqualTo(id);
            });
    assertThat(core.push.sent()).hasSize(1).as("the desk itself is never pushed");
  }

  @Test
  void staffRegisterProfilesButNotTheDesks() {
    UserProfile carl =
        new UserProfile(UserId.of("carl"), "Carl", Optional.of("https://x/c.png"), true);
    assertThat(Await.done(chat.registerUser().registerUser(staff, carl))).isEqualTo(carl);
    assertThat(Await.done(core.users.find(carl.id()))).contains(carl);

    assertThat(
            refusal(
                chat.registerUser()
                    .registerUser(
                        staff, new UserProfile(core.system(), "Evil", Optional.empty(), true))))
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void staffCannotRegisterAUserUnderANameThatPassesForTheDesks() {
    for (String name :
        List.of("official support", "0fficial Supp\u03bfrt", "\u041efficial Support")) {
      assertThat(
              refusal(
                  chat.registerUser()
                      .registerUser(
                          staff,
                          new UserProfile(UserId.of("mallory"), name, Optional.empty(), true))))
          .as(name)
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
    assertThat(Await.done(core.users.find(UserId.of("mallory")))).isEmpty();
  }

  @Test
  void aStoredProfileThatPassesForTheDeskShowsWithANeutralName() {
    // Stored by an earlier release, before the desk's name was reserved.
    UserId mallory = UserId.of("mallory");
    Await.done(
        core.users.save(new UserProfile(mallory, "Official  Support", Optional.empty(), false)));
    core.send(mallory, BOB, "hello, this is support");

    ChatView seenByBob =
        Await.done(chat.listChats().listChats(BOB, PageRequest.first(10))).chats().get(0);

    assertThat(seenByBob.participants())
        .filteredOn(p -> p.id().equals(mallory))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fullName()).isEqualTo(UserProfile.placeholder(mallory).fullName());
              assertThat(p.verified()).isFalse();
            });
  }

  @Test
  void aRetriedDeskReplyWithTheSameClientMessageIdIsStoredOnce() {
    ChatId id = core.send(ALICE, core.system(), "q").chatId();
    var key = Optional.of(io.chat.domain.message.ClientMessageId.of("desk-1"));

    Sent first = Await.done(chat.replyToSupportChat().reply(staff, id, "answer", key));
    Sent retry = Await.done(chat.replyToSupportChat().reply(staff, id, "answer", key));

    assertThat(retry.created()).isFalse();
    assertThat(retry.message().id()).isEqualTo(first.message().id());
    assertThat(
            Await.done(chat.readSupportChat().readSupportChat(staff, id, HistoryRange.latest(10)))
                .history()
                .messages())
        .hasSize(2);
  }

  private SupportStatus status(ChatId id) {
    return Await.done(core.chats.findById(id)).orElseThrow().support().orElseThrow().status();
  }
}
