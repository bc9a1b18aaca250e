package io.chat.application.service.group;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.CreateGroup;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.group.GroupRules;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Delivery receipts (sent, delivered, seen) and archiving, for chats of two and groups. */
class ReceiptsAndArchiveTest {
  private final InMemoryCore core =
      new InMemoryCore(ChatSettings.defaults().withGroupRules(new GroupRules(10, 10, 3)))
          .withUsers(ALICE, BOB, CAROL, DAVE);

  private MessageView mine(UserId viewer, ChatId chat, long seq) {
    return Await.done(core.services.chats().history(viewer, chat, HistoryRange.latest(50)))
        .messages()
        .stream()
        .filter(m -> m.seq() == seq)
        .findFirst()
        .orElseThrow();
  }

  private ChatId group(UserId owner, UserId... members) {
    return Await.done(
            core.services
                .groups()
                .create(
                    new CreateGroup(
                        owner, "G", Optional.empty(), Optional.empty(), List.of(members), false)))
        .id();
  }

  private List<ChatId> listed(UserId me, boolean archived) {
    return Await.done(
            core.services.chats().list(me, Optional.empty(), archived, PageRequest.first(50)))
        .chats()
        .stream()
        .map(ChatView::id)
        .toList();
  }

  @Test
  void aMessageGoesFromSentToDeliveredToSeen() {
    Sent sent = core.send(ALICE, BOB, "hi");
    ChatId chat = sent.chatId();
    core.events.clear();

    assertThat(sent.message().delivered()).isFalse();
    assertThat(Await.done(core.services.chats().markDelivered(BOB, chat, 99)).deliveredSeq())
        .isEqualTo(1);

    assertThat(core.events.receivedBy(ALICE, ChatEvent.Delivered.class))
        .containsExactly(new ChatEvent.Delivered(BOB, chat, 1));
    MessageView forAlice = mine(ALICE, chat, 1);
    assertThat(forAlice.delivered()).isTrue();
    assertThat(forAlice.seen()).isFalse();
    // A receipt never moves back, and a repeat tells nobody.
    Await.done(core.services.chats().markDelivered(BOB, chat, 1));
    Await.done(core.services.chats().markDelivered(BOB, chat, 0));
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Delivered.class)).hasSize(1);

    Await.done(core.services.chats().markRead(BOB, chat));
    assertThat(mine(ALICE, chat, 1).seen()).isTrue();
    assertThat(mine(ALICE, chat, 1).delivered()).isTrue();
  }

  @Test
  void fetchingHistoryIsADeliveryReceipt() {
    ChatId chat = core.send(ALICE, BOB, "one").chatId();
    core.send(ALICE, BOB, "two");
    core.events.clear();

    Await.done(core.services.chats().history(BOB, chat, HistoryRange.latest(50)));

    assertThat(core.events.receivedBy(ALICE, ChatEvent.Delivered.class))
        .containsExactly(new ChatEvent.Delivered(BOB, chat, 2));
    assertThat(mine(ALICE, chat, 2).delivered()).isTrue();
    // Alice fetching her own messages delivers nothing to Bob.
    assertThat(core.events.receivedBy(BOB, ChatEvent.Delivered.class)).isEmpty();
  }

  @Test
  void inASmallGroupOneOtherMembersReceiptDelivers() {
    ChatId group = group(ALICE, BOB, CAROL);
    Sent sent =
        Await.done(
            core.services.chats().send(ALICE, group, Outgoing.text("hello", Optional.empty())));
    core.events.clear();

    Await.done(core.services.chats().markDelivered(CAROL, group, sent.message().seq()));

    assertThat(core.events.receivedBy(ALICE, ChatEvent.Delivered.class)).hasSize(1);
    assertThat(core.events.receivedBy(BOB, ChatEvent.Delivered.class)).hasSize(1);
    assertThat(core.events.receivedBy(CAROL, ChatEvent.Delivered.class)).isEmpty();
    assertThat(mine(ALICE, group, sent.message().seq()).delivered()).isTrue();
    assertThat(mine(ALICE, group, sent.message().seq()).seen()).isFalse();
  }

  @Test
  void aLargeGroupShowsDeliveryWithoutTellingEveryMember() {
    ChatId group = group(ALICE, BOB, CAROL, DAVE);
    Sent sent =
        Await.done(
            core.services.chats().send(ALICE, group, Outgoing.text("hello", Optional.empty())));
    core.events.clear();

    Await.done(core.services.chats().markDelivered(DAVE, group, sent.message().seq()));

    assertThat(core.events.receivedBy(ALICE, ChatEvent.Delivered.class)).isEmpty();
    assertThat(mine(ALICE, group, sent.message().seq()).delivered()).isTrue();
  }

  @Test
  void anArchivedChatLeavesTheListUntilANewMessageUnlessMuted() {
    ChatId withBob = core.send(ALICE, BOB, "one").chatId();
    ChatId withCarol = core.send(ALICE, CAROL, "two").chatId();
    core.events.clear();

    ChatView archived = Await.done(core.services.chats().archive(ALICE, withBob, true));

    assertThat(archived.archived()).isTrue();
    assertThat(core.events.receivedBy(ALICE, ChatEvent.ChatArchived.class))
        .containsExactly(new ChatEvent.ChatArchived(withBob, true));
    assertThat(core.events.receivedBy(BOB)).isEmpty();
    assertThat(listed(ALICE, false)).containsExactly(withCarol);
    assertThat(listed(ALICE, true)).containsExactly(withBob);
    assertThat(listed(BOB, false)).containsExactly(withBob);

    core.clock.advance(java.time.Duration.ofSeconds(1));
    core.send(BOB, ALICE, "back?");
    assertThat(listed(ALICE, false)).containsExactly(withBob, withCarol);
    assertThat(listed(ALICE, true)).isEmpty();

    Await.done(core.services.chats().archive(ALICE, withCarol, true));
    Await.done(core.services.chats().toggleMute(ALICE, withCarol, Optional.<Instant>empty()));
    core.send(CAROL, ALICE, "still archived: muted");
    assertThat(listed(ALICE, true)).containsExactly(withCarol);
    Await.done(core.services.chats().archive(ALICE, withCarol, false));
    assertThat(listed(ALICE, true)).isEmpty();
  }

  @Test
  void aBlockRefusesReceiptsAndAnEmptyChatHasNothingToArchive() {
    ChatId chat = core.send(ALICE, BOB, "hi").chatId();
    Await.done(core.services.blockUser().block(ALICE, BOB));
    core.events.clear();

    assertThat(
            ((io.chat.domain.shared.ChatException)
                    Await.failure(core.services.chats().markDelivered(BOB, chat, 1)))
                .code())
        .isEqualTo(io.chat.domain.shared.ErrorCode.BLOCKED);
    assertThat(core.events.receivedBy(ALICE)).isEmpty();

    ChatId empty = Await.done(core.services.openChat().openChat(CAROL, DAVE)).chat().id();
    assertThat(
            ((io.chat.domain.shared.ChatException)
                    Await.failure(core.services.chats().archive(CAROL, empty, true)))
                .code())
        .isEqualTo(io.chat.domain.shared.ErrorCode.CONFLICT);
  }

  @Test
  void aGroupIsArchivedForOneMemberOnly() {
    ChatId group = group(ALICE, BOB);

    Await.done(core.services.chats().archive(BOB, group, true));

    assertThat(listed(BOB, true)).containsExactly(group);
    assertThat(listed(BOB, false)).isEmpty();
    assertThat(listed(ALICE, false)).containsExactly(group);
  }

  @Test
  void aFilteredListPagesAcrossManyChats() {
    for (int i = 0; i < 7; i++) {
      UserId other = UserId.of("friend-" + i);
      Await.done(core.users.save(io.chat.application.testing.Users.profile(other)));
      ChatId chat = core.send(ALICE, other, "hi " + i).chatId();
      if (i % 2 == 0) {
        Await.done(core.services.chats().archive(ALICE, chat, true));
      }
    }

    var first =
        Await.done(core.services.chats().list(ALICE, Optional.empty(), true, PageRequest.first(2)));
    var second =
        Await.done(
            core.services
                .chats()
                .list(ALICE, Optional.empty(), true, new PageRequest(first.nextCursor(), 2)));

    assertThat(first.chats()).hasSize(2).allMatch(ChatView::archived);
    assertThat(second.chats()).hasSize(2).allMatch(ChatView::archived);
    assertThat(second.nextCursor()).isEmpty();
    assertThat(first.chats()).doesNotContainAnyElementsOf(second.chats());
  }

  @Test
  void aFormerMembersArchivedGroupStaysArchivedWhateverComesAfterTheyLeft() {
    ChatId group = group(ALICE, BOB, CAROL);
    Await.done(core.services.groups().leave(BOB, group));
    Await.done(core.services.chats().archive(BOB, group, true));

    Await.done(core.services.chats().send(ALICE, group, Outgoing.text("after", Optional.empty())));

    assertThat(listed(BOB, true)).containsExactly(group);
    assertThat(listed(BOB, false)).isEmpty();
  }
}
