package io.chat.application.service.message;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.ChangesPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.CreateGroup;
import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageLifecycleUseCase;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.ReactionView;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageRules;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Edits, deletions, reactions, pins, replies, forwards and the change feed, through the core. */
class MessageLifecycleTest {
  private static final UserId STAFF_ID = UserId.of("staff-1");

  private final InMemoryCore core =
      new InMemoryCore(
              ChatSettings.defaults()
                  .withMessageRules(
                      new MessageRules(
                          Duration.ofMinutes(15), Duration.ofHours(1), 2, 3, Set.of())))
          .withUsers(ALICE, BOB, CAROL, DAVE, STAFF_ID);
  private final MessageLifecycleUseCase lifecycle = core.services.lifecycle();

  private static Actor as(UserId user) {
    return InMemoryCore.user(user);
  }

  private static ErrorCode refusal(CompletionStage<?> stage) {
    Throwable failure = Await.failure(stage);
    assertThat(failure).isInstanceOf(ChatException.class);
    return ((ChatException) failure).code();
  }

  private HistoryPage history(UserId viewer, ChatId chat) {
    return Await.done(core.services.chats().history(viewer, chat, HistoryRange.latest(50)));
  }

  private MessageView only(UserId viewer, ChatId chat, MessageId id) {
    return history(viewer, chat).messages().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private Message stored(MessageId id) {
    return Await.done(core.messages.findById(id)).orElseThrow();
  }

  private List<ChatEvent.MessageChanged> changes(UserId user) {
    return core.events.receivedBy(user, ChatEvent.MessageChanged.class);
  }

  private ChatId group(UserId owner, UserId... members) {
    ChatView created =
        Await.done(
            core.services
                .groups()
                .create(
                    new CreateGroup(
                        owner,
                        "Trip",
                        Optional.empty(),
                        Optional.empty(),
                        List.of(members),
                        false)));
    return created.id();
  }

  private Sent sendTo(UserId from, ChatId chat, String text) {
    return Await.done(
        core.services.chats().send(from, chat, Outgoing.text(text, Optional.empty())));
  }

  @Test
  void anEditKeepsTheSeqAndReachesBothSidesOnce() {
    Sent first = core.send(ALICE, BOB, "helo");
    core.send(BOB, ALICE, "hi");
    ChatId chat = first.chatId();
    Await.done(core.services.chats().markRead(BOB, chat));
    ChatView before = Await.done(core.services.chats().get(BOB, chat));
    core.events.clear();
    core.clock.advance(Duration.ofMinutes(5));

    MessageView edited = Await.done(lifecycle.edit(as(ALICE), chat, first.message().id(), "hello"));

    assertThat(edited.text()).isEqualTo("hello");
    assertThat(edited.seq()).isEqualTo(first.message().seq());
    assertThat(edited.lifecycle().editedAt()).contains(core.clock.instant());
    assertThat(edited.lifecycle().change()).isEqualTo(1);
    assertThat(changes(ALICE))
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("message:edited"));
    assertThat(changes(BOB))
        .singleElement()
        .satisfies(e -> assertThat(e.message().text()).isEqualTo("hello"));
    assertThat(history(BOB, chat).messages())
        .extracting(MessageView::text)
        .containsExactly("hello", "hi");
    assertThat(history(BOB, chat).lastChange()).isEqualTo(1);
    // An edit of an old message is not activity and moves no mark.
    ChatView after = Await.done(core.services.chats().get(BOB, chat));
    assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
    assertThat(after.unreadCount()).isZero();
    assertThat(after.lastMessage().orElseThrow().text()).isEqualTo("hi");
    assertThat(core.events.receivedBy(BOB, ChatEvent.ChatUpdate.class)).isEmpty();
  }

  @Test
  void editingTheLastMessageUpdatesTheListPreview() {
    Sent sent = core.send(ALICE, BOB, "typo");
    core.events.clear();

    Await.done(lifecycle.edit(as(ALICE), sent.chatId(), sent.message().id(), "fixed"));

    ChatView bob = Await.done(core.services.chats().get(BOB, sent.chatId()));
    assertThat(bob.lastMessage().orElseThrow().text()).isEqualTo("fixed");
    assertThat(bob.unreadCount()).isEqualTo(1);
    assertThat(core.events.receivedBy(BOB, ChatEvent.ChatUpdate.class))
        .singleElement()
        .satisfies(u -> assertThat(u.lastMessage()).contains("fixed"));
  }

  @Test
  void onlyTheSenderEditsAndOnlyWithinTheWindow() {
    Sent sent = core.send(ALICE, BOB, "mine");
    ChatId chat = sent.chatId();
    MessageId id = sent.message().id();

    assertThat(refusal(lifecycle.edit(as(BOB), chat, id, "theirs"))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(refusal(lifecycle.edit(as(CAROL), chat, id, "x"))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(lifecycle.edit(as(ALICE), chat, id, " ")))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            refusal(lifecycle.edit(as(ALICE), chat, MessageId.of("5f0000000000000000000000"), "x")))
        .isEqualTo(ErrorCode.NOT_FOUND);
    core.clock.advance(Duration.ofMinutes(16));
    assertThat(refusal(lifecycle.edit(as(ALICE), chat, id, "late")))
        .isEqualTo(ErrorCode.WINDOW_CLOSED);

    assertThat(stored(id).text().value()).isEqualTo("mine");
    assertThat(stored(id).change()).isZero();
    assertThat(history(BOB, chat).lastChange()).isZero();
    assertThat(changes(ALICE)).isEmpty();
  }

  @Test
  void aMessageOfAnotherChatIsNotFoundThroughThisOne() {
    Sent aliceBob = core.send(ALICE, BOB, "one");
    Sent aliceCarol = core.send(ALICE, CAROL, "two");

    assertThat(
            refusal(lifecycle.edit(as(ALICE), aliceBob.chatId(), aliceCarol.message().id(), "x")))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(stored(aliceCarol.message().id()).text().value()).isEqualTo("two");
  }

  @Test
  void aDeletionForEveryoneErasesTheTextAndLeavesATombstone() {
    Sent sent = core.send(ALICE, BOB, "secret");
    core.send(ALICE, BOB, "after");
    ChatId chat = sent.chatId();
    core.events.clear();

    MessageView tombstone =
        Await.done(lifecycle.delete(as(ALICE), chat, sent.message().id(), true));

    assertThat(tombstone.lifecycle().deleted()).isTrue();
    assertThat(tombstone.text()).isEmpty();
    Message inStore = stored(sent.message().id());
    assertThat(inStore.text().value()).isEmpty();
    assertThat(inStore.isDeleted()).isTrue();
    assertThat(history(BOB, chat).messages())
        .extracting(MessageView::seq, m -> m.lifecycle().deleted())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, true),
            org.assertj.core.groups.Tuple.tuple(2L, false));
    assertThat(changes(BOB))
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("message:deleted"));
    assertThat(changes(ALICE)).hasSize(1);

    // A retry changes nothing and tells nobody again.
    Await.done(lifecycle.delete(as(ALICE), chat, sent.message().id(), true));
    assertThat(changes(BOB)).hasSize(1);
    assertThat(stored(sent.message().id()).change()).isEqualTo(inStore.change());
  }

  @Test
  void deletingTheLastMessageForEveryoneClearsThePreview() {
    Sent sent = core.send(ALICE, BOB, "oops");

    Await.done(lifecycle.delete(as(ALICE), sent.chatId(), sent.message().id(), true));

    ChatView bob = Await.done(core.services.chats().get(BOB, sent.chatId()));
    assertThat(bob.lastMessage().orElseThrow().lifecycle().deleted()).isTrue();
    assertThat(bob.lastMessage().orElseThrow().text()).isEmpty();
    assertThat(
            Await.done(core.chats.findById(sent.chatId()))
                .orElseThrow()
                .lastMessage()
                .orElseThrow()
                .text()
                .value())
        .isEmpty();
  }

  @Test
  void onlyTheSenderDeletesForEveryoneAndOnlyWithinTheWindow() {
    Sent sent = core.send(ALICE, BOB, "stays");
    ChatId chat = sent.chatId();
    MessageId id = sent.message().id();

    assertThat(refusal(lifecycle.delete(as(BOB), chat, id, true))).isEqualTo(ErrorCode.FORBIDDEN);
    core.clock.advance(Duration.ofMinutes(61));
    assertThat(refusal(lifecycle.delete(as(ALICE), chat, id, true)))
        .isEqualTo(ErrorCode.WINDOW_CLOSED);
    assertThat(stored(id).text().value()).isEqualTo("stays");
  }

  @Test
  void aDeletionForMeHidesTheMessageFromMyDevicesOnly() {
    Sent sent = core.send(ALICE, BOB, "rude");
    ChatId chat = sent.chatId();
    core.events.clear();

    MessageView hidden = Await.done(lifecycle.delete(as(BOB), chat, sent.message().id(), false));

    assertThat(hidden.lifecycle().hidden()).isTrue();
    assertThat(hidden.text()).isEmpty();
    assertThat(history(BOB, chat).messages()).isEmpty();
    assertThat(history(ALICE, chat).messages())
        .extracting(MessageView::text)
        .containsExactly("rude");
    assertThat(changes(BOB))
        .singleElement()
        .satisfies(e -> assertThat(e.message().lifecycle().hidden()).isTrue());
    assertThat(core.events.receivedBy(ALICE)).isEmpty();
    assertThat(Await.done(core.services.chats().get(BOB, chat)).lastMessage()).isEmpty();
    // Deleted for me is still the other side's to edit; my view of it stays hidden.
    Await.done(lifecycle.edit(as(ALICE), chat, sent.message().id(), "sorry"));
    assertThat(history(BOB, chat).messages()).isEmpty();
    assertThat(refusal(lifecycle.react(as(BOB), chat, sent.message().id(), "👍", true)))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void reactionsCountPerEmojiWithMineAndDoNotMoveTheChatOrPush() {
    Sent sent = core.send(ALICE, BOB, "party?");
    ChatId chat = sent.chatId();
    MessageId id = sent.message().id();
    ChatView before = Await.done(core.services.chats().get(ALICE, chat));
    int pushes = core.push.sent().size();
    core.events.clear();

    MessageView bobs = Await.done(lifecycle.react(as(BOB), chat, id, "👍", true));
    Await.done(lifecycle.react(as(BOB), chat, id, "👍", true));
    Await.done(lifecycle.react(as(ALICE), chat, id, "👍", true));
    Await.done(lifecycle.react(as(ALICE), chat, id, "🎉", true));

    assertThat(bobs.lifecycle().reactions()).containsExactly(new ReactionView("👍", 1, true));
    assertThat(only(BOB, chat, id).lifecycle().reactions())
        .containsExactly(new ReactionView("👍", 2, true), new ReactionView("🎉", 1, false));
    assertThat(only(ALICE, chat, id).lifecycle().reactions())
        .containsExactly(new ReactionView("👍", 2, true), new ReactionView("🎉", 1, true));
    assertThat(changes(BOB)).hasSize(3);
    assertThat(changes(BOB).get(0).reaction()).contains(new ChatEvent.Reacted("👍", true));
    assertThat(changes(BOB).get(0).by()).isEqualTo(BOB);

    Await.done(lifecycle.react(as(BOB), chat, id, "👍", false));
    assertThat(only(BOB, chat, id).lifecycle().reactions())
        .containsExactly(new ReactionView("👍", 1, false), new ReactionView("🎉", 1, false));
    assertThat(Await.done(core.services.chats().get(ALICE, chat)).updatedAt())
        .isEqualTo(before.updatedAt());
    assertThat(core.push.sent()).hasSize(pushes);
  }

  @Test
  void aReactionIsOneEmojiAndAMessageHasFewDistinctOnes() {
    Sent sent = core.send(ALICE, BOB, "vote");
    ChatId chat = sent.chatId();
    MessageId id = sent.message().id();

    for (String bad : List.of("a", "👍👍", "", "ok", " ", "x".repeat(40))) {
      assertThat(refusal(lifecycle.react(as(BOB), chat, id, bad, true)))
          .as(bad)
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
    for (String good : List.of("👨‍👩‍👧", "🇫🇷", "1️⃣")) {
      Await.done(lifecycle.react(as(BOB), chat, id, good, true));
    }
    assertThat(refusal(lifecycle.react(as(ALICE), chat, id, "❤️", true)))
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    Await.done(lifecycle.react(as(ALICE), chat, id, "🇫🇷", true));
    assertThat(stored(id).revision().reactions())
        .extracting(r -> r.emoji() + r.count())
        .containsExactly("👨‍👩‍👧1", "🇫🇷2", "1️⃣1");
  }

  @Test
  void aReactionCutShortBetweenItsWritesHealsOnItsRetry() {
    Sent sent = core.send(ALICE, BOB, "count me");
    MessageId id = sent.message().id();
    // The user's own entry was written, the message's count was not (a crash in between).
    Await.done(core.reactions.set(stored(id), BOB, "👍", true));

    Await.done(lifecycle.react(as(BOB), sent.chatId(), id, "👍", true));

    assertThat(stored(id).revision().reactions())
        .extracting(r -> r.emoji() + r.count())
        .containsExactly("👍1");
  }

  @Test
  void aBlockedPairNeitherEditsNorReactsNorPinsButMayDelete() {
    Sent sent = core.send(ALICE, BOB, "before the block");
    ChatId chat = sent.chatId();
    MessageId id = sent.message().id();
    Await.done(core.services.blockUser().block(BOB, ALICE));

    assertThat(refusal(lifecycle.react(as(BOB), chat, id, "👍", true)))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(lifecycle.react(as(ALICE), chat, id, "👍", true)))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(lifecycle.edit(as(ALICE), chat, id, "x"))).isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(lifecycle.pin(as(BOB), chat, id, true))).isEqualTo(ErrorCode.BLOCKED);
    Await.done(lifecycle.delete(as(ALICE), chat, id, true));
    assertThat(stored(id).isDeleted()).isTrue();
  }

  @Test
  void pinsAreListedLatestFirstUpToTheLimit() {
    Sent a = core.send(ALICE, BOB, "a");
    Sent b = core.send(BOB, ALICE, "b");
    Sent c = core.send(ALICE, BOB, "c");
    ChatId chat = a.chatId();

    Await.done(lifecycle.pin(as(ALICE), chat, a.message().id(), true));
    core.clock.advance(Duration.ofSeconds(1));
    MessageView pinned = Await.done(lifecycle.pin(as(BOB), chat, b.message().id(), true));
    assertThat(refusal(lifecycle.pin(as(ALICE), chat, c.message().id(), true)))
        .isEqualTo(ErrorCode.LIMIT_REACHED);

    assertThat(pinned.lifecycle().pin().orElseThrow().by()).isEqualTo(BOB);
    assertThat(Await.done(lifecycle.pinned(as(ALICE), chat)))
        .extracting(MessageView::text)
        .containsExactly("b", "a");
    Await.done(lifecycle.pin(as(BOB), chat, a.message().id(), false));
    Await.done(lifecycle.pin(as(ALICE), chat, c.message().id(), true));
    assertThat(Await.done(lifecycle.pinned(as(BOB), chat)))
        .extracting(MessageView::text)
        .containsExactly("c", "b");
    assertThat(changes(BOB))
        .extracting(ChatEvent::name)
        .containsExactly("message:pinned", "message:pinned", "message:unpinned", "message:pinned");
  }

  @Test
  void inAGroupAdminsModerateAndFormerMembersOnlyHideForThemselves() {
    ChatId group = group(ALICE, BOB, CAROL);
    Sent bobs = sendTo(BOB, group, "spam");
    Sent carols = sendTo(CAROL, group, "hello");
    core.clock.advance(Duration.ofHours(2));

    assertThat(refusal(lifecycle.pin(as(BOB), group, carols.message().id(), true)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    Await.done(lifecycle.pin(as(ALICE), group, carols.message().id(), true));
    assertThat(refusal(lifecycle.delete(as(CAROL), group, bobs.message().id(), true)))
        .isEqualTo(ErrorCode.FORBIDDEN);
    Await.done(lifecycle.delete(as(ALICE), group, bobs.message().id(), true));
    assertThat(stored(bobs.message().id()).isDeleted()).isTrue();

    Await.done(core.services.groups().removeMember(ALICE, group, CAROL));
    core.events.clear();
    assertThat(refusal(lifecycle.react(as(CAROL), group, carols.message().id(), "👍", true)))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
    assertThat(refusal(lifecycle.delete(as(CAROL), group, carols.message().id(), true)))
        .isEqualTo(ErrorCode.NOT_A_MEMBER);
    Await.done(lifecycle.delete(as(CAROL), group, carols.message().id(), false));
    assertThat(history(CAROL, group).messages())
        .noneMatch(m -> m.id().equals(carols.message().id()));

    Await.done(lifecycle.react(as(BOB), group, carols.message().id(), "👍", true));
    assertThat(changes(ALICE)).hasSize(1);
    assertThat(changes(BOB)).hasSize(1);
    assertThat(changes(CAROL)).hasSize(1); // her own deletion for herself only
    assertThat(changes(DAVE)).isEmpty();
  }

  @Test
  void aGroupMemberSeesNothingOfChangesBeforeTheirJoin() {
    ChatId group = group(ALICE, BOB);
    Sent early = sendTo(BOB, group, "before dave");
    Await.done(core.services.groups().addMembers(ALICE, group, List.of(DAVE)));
    Await.done(lifecycle.edit(as(BOB), group, early.message().id(), "edited before dave"));

    ChangesPage daves = Await.done(lifecycle.changes(as(DAVE), group, 0, 50));
    assertThat(daves.messages()).isEmpty();
    assertThat(daves.upTo()).isEqualTo(1);
    assertThat(refusal(lifecycle.react(as(DAVE), group, early.message().id(), "👍", true)))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void anAnswerQuotesItsMessageUntilThatIsDeleted() {
    Sent question = core.send(ALICE, BOB, "lunch at noon?");
    ChatId chat = question.chatId();
    Sent other = core.send(ALICE, CAROL, "elsewhere");
    core.events.clear();

    Sent answer =
        Await.done(
            core.services
                .chats()
                .send(
                    BOB,
                    chat,
                    new Outgoing(
                        "yes",
                        Optional.of(ClientMessageId.of("c-1")),
                        List.of(),
                        Optional.of(question.message().id()),
                        false)));

    assertThat(answer.message().lifecycle().replyTo().orElseThrow().text())
        .isEqualTo("lunch at noon?");
    assertThat(core.events.receivedBy(ALICE, ChatEvent.MessageNew.class))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message().lifecycle().replyTo().orElseThrow().sender())
                    .isEqualTo(ALICE));
    assertThat(
            refusal(
                core.services
                    .chats()
                    .send(
                        BOB,
                        chat,
                        new Outgoing(
                            "no",
                            Optional.empty(),
                            List.of(),
                            Optional.of(other.message().id()),
                            false))))
        .isEqualTo(ErrorCode.NOT_FOUND);

    Await.done(lifecycle.delete(as(ALICE), chat, question.message().id(), true));
    MessageView shown = only(BOB, chat, answer.message().id());
    assertThat(shown.lifecycle().replyTo().orElseThrow().deleted()).isTrue();
    assertThat(shown.lifecycle().replyTo().orElseThrow().text()).isEmpty();
  }

  @Test
  void aForwardedCopyCarriesNoLinkToWhereItCameFrom() {
    Sent original = core.send(ALICE, BOB, "news");
    ChatId bobCarol = core.send(BOB, CAROL, "hey").chatId();
    core.events.clear();

    Sent forwarded =
        Await.done(
            lifecycle.forward(
                as(BOB), original.chatId(), original.message().id(), bobCarol, Optional.empty()));

    assertThat(forwarded.chatId()).isEqualTo(bobCarol);
    assertThat(forwarded.message().text()).isEqualTo("news");
    assertThat(forwarded.message().sender()).isEqualTo(BOB);
    assertThat(forwarded.message().lifecycle().forwarded()).isTrue();
    assertThat(core.events.receivedBy(CAROL, ChatEvent.MessageNew.class))
        .singleElement()
        .satisfies(e -> assertThat(e.message().lifecycle().forwarded()).isTrue());
    ChatId aliceDave = core.send(ALICE, DAVE, "x").chatId();
    assertThat(
            refusal(
                lifecycle.forward(
                    as(BOB),
                    original.chatId(),
                    original.message().id(),
                    aliceDave,
                    Optional.empty())))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void theChangeFeedPagesEveryRevisionInChangeOrder() {
    Sent one = core.send(ALICE, BOB, "one");
    Sent two = core.send(ALICE, BOB, "two");
    core.send(ALICE, BOB, "three");
    ChatId chat = one.chatId();
    long held = history(BOB, chat).lastChange();

    Await.done(lifecycle.edit(as(ALICE), chat, two.message().id(), "two!"));
    Await.done(lifecycle.react(as(BOB), chat, one.message().id(), "👍", true));
    Await.done(lifecycle.delete(as(BOB), chat, two.message().id(), false));
    Await.done(lifecycle.edit(as(ALICE), chat, one.message().id(), "one!"));

    ChangesPage first = Await.done(lifecycle.changes(as(BOB), chat, held, 1));
    // Each message comes once, at its latest change: "two" (hidden for Bob at change 3) first.
    assertThat(first.hasMore()).isTrue();
    assertThat(first.upTo()).isEqualTo(3);
    assertThat(first.messages()).extracting(MessageView::seq).containsExactly(2L);
    assertThat(first.messages().get(0).text()).isEmpty();
    ChangesPage rest = Await.done(lifecycle.changes(as(BOB), chat, 0, 50));
    assertThat(rest.hasMore()).isFalse();
    assertThat(rest.upTo()).isEqualTo(4);
    assertThat(rest.messages())
        .extracting(MessageView::seq, m -> m.lifecycle().change(), m -> m.lifecycle().hidden())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, 3L, true),
            org.assertj.core.groups.Tuple.tuple(1L, 4L, false));
    assertThat(rest.messages().get(1).lifecycle().reactions())
        .containsExactly(new ReactionView("👍", 1, true));
    ChangesPage fromTwo = Await.done(lifecycle.changes(as(BOB), chat, 3, 50));
    assertThat(fromTwo.messages()).extracting(MessageView::text).containsExactly("one!");
    assertThat(Await.done(lifecycle.changes(as(BOB), chat, 4, 50)).messages()).isEmpty();
    assertThat(refusal(lifecycle.changes(as(BOB), chat, -1, 50)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(lifecycle.changes(as(CAROL), chat, 0, 50))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void staffEditAndDeleteTheDesksRepliesInSupportChatsOnly() {
    ChatId support = core.send(ALICE, core.system(), "help").chatId();
    Actor staff = InMemoryCore.staff(STAFF_ID);
    Sent reply =
        Await.done(
            core.services.replyToSupportChat().reply(staff, support, "on it", Optional.empty()));

    MessageView edited =
        Await.done(lifecycle.edit(staff, support, reply.message().id(), "on it now"));

    assertThat(edited.text()).isEqualTo("on it now");
    assertThat(edited.sender()).isEqualTo(core.system());
    assertThat(changes(ALICE))
        .singleElement()
        .satisfies(e -> assertThat(e.by()).isEqualTo(core.system()));
    assertThat(core.events.receivedByStaff(ChatEvent.MessageChanged.class)).hasSize(1);
    assertThat(refusal(lifecycle.edit(as(ALICE), support, reply.message().id(), "fake")))
        .isEqualTo(ErrorCode.FORBIDDEN);
    ChatId pair = core.send(ALICE, BOB, "private").chatId();
    assertThat(refusal(lifecycle.pinned(staff, pair))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(lifecycle.pinned(as(core.system()), support)))
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void aRevisionCutShortBeforeItsChatWriteIsRecordedByTheNextOne() {
    Sent first = core.send(ALICE, BOB, "first");
    Sent last = core.send(ALICE, BOB, "last");
    ChatId chat = first.chatId();
    // The message was written at change 1, the chat's write never came (a crash, a timeout).
    Await.done(
        core.messages.revise(
            stored(last.message().id()).deletedForEveryone(core.clock.instant(), 1)));

    Await.done(lifecycle.edit(as(ALICE), chat, first.message().id(), "first!"));

    ChangesPage feed = Await.done(lifecycle.changes(as(BOB), chat, 0, 50));
    assertThat(feed.upTo()).isEqualTo(2);
    assertThat(feed.messages())
        .extracting(MessageView::seq, m -> m.lifecycle().change())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, 1L),
            org.assertj.core.groups.Tuple.tuple(1L, 2L));
    // The chat's last message no longer keeps the deleted text.
    assertThat(
            Await.done(core.chats.findById(chat))
                .orElseThrow()
                .lastMessage()
                .orElseThrow()
                .text()
                .isEmpty())
        .isTrue();
  }

  @Test
  void aGroupChangeReachesOnlyTheMembersWhoSeeTheMessage() {
    ChatId group = group(ALICE, BOB, CAROL);
    Sent early = sendTo(BOB, group, "before dave");
    Await.done(core.services.groups().addMembers(ALICE, group, List.of(DAVE)));
    Await.done(lifecycle.delete(as(CAROL), group, early.message().id(), false));
    core.events.clear();

    Await.done(lifecycle.edit(as(BOB), group, early.message().id(), "edited"));

    assertThat(changes(ALICE)).hasSize(1);
    assertThat(changes(BOB)).hasSize(1);
    assertThat(changes(CAROL)).isEmpty();
    assertThat(changes(DAVE)).isEmpty();
  }

  @Test
  void aReactionCountCutShortIsHealedByTheNextReactionWhoeverMakesIt() {
    Sent sent = core.send(ALICE, BOB, "count me");
    MessageId id = sent.message().id();
    Await.done(core.reactions.set(stored(id), BOB, "👍", true));

    Await.done(lifecycle.react(as(ALICE), sent.chatId(), id, "👍", true));

    assertThat(stored(id).revision().reactions())
        .extracting(r -> r.emoji() + r.count())
        .containsExactly("👍2");
  }

  @Test
  void aBlockedPairReadsNeitherChangesNorPinsNorForwards() {
    Sent sent = core.send(ALICE, BOB, "x");
    ChatId chat = sent.chatId();
    ChatId other = core.send(BOB, CAROL, "y").chatId();
    Await.done(core.services.blockUser().block(ALICE, BOB));

    assertThat(refusal(lifecycle.changes(as(BOB), chat, 0, 50))).isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(lifecycle.pinned(as(BOB), chat))).isEqualTo(ErrorCode.BLOCKED);
    assertThat(
            refusal(lifecycle.forward(as(BOB), chat, sent.message().id(), other, Optional.empty())))
        .isEqualTo(ErrorCode.BLOCKED);
  }

  @Test
  void aRetriedAnswerIsAnsweredEvenIfItsQuoteWasDeletedSince() {
    Sent question = core.send(ALICE, BOB, "question");
    ChatId chat = question.chatId();
    Outgoing answer =
        new Outgoing(
            "answer",
            Optional.of(ClientMessageId.of("c-9")),
            List.of(),
            Optional.of(question.message().id()),
            false);
    Sent first = Await.done(core.services.chats().send(BOB, chat, answer));
    Await.done(lifecycle.delete(as(ALICE), chat, question.message().id(), true));

    Sent retry = Await.done(core.services.chats().send(BOB, chat, answer));

    assertThat(retry.created()).isFalse();
    assertThat(retry.message().id()).isEqualTo(first.message().id());
    assertThat(retry.message().lifecycle().replyTo().orElseThrow().deleted()).isTrue();
  }

  @Test
  void aPageOfMessagesAllDeletedForMeReadsOnToTheNextVisibleOnes() {
    Sent keep = core.send(ALICE, BOB, "keep");
    ChatId chat = keep.chatId();
    for (int i = 0; i < 5; i++) {
      Sent gone = core.send(ALICE, BOB, "gone " + i);
      Await.done(lifecycle.delete(as(BOB), chat, gone.message().id(), false));
    }

    HistoryPage page =
        Await.done(core.services.chats().history(BOB, chat, HistoryRange.before(7, 2)));

    assertThat(page.messages()).extracting(MessageView::text).containsExactly("keep");
  }

  @Test
  void aQuoteFromBeforeMyJoinShowsNoText() {
    ChatId group = group(ALICE, BOB);
    Sent early = sendTo(BOB, group, "before dave");
    Await.done(core.services.groups().addMembers(ALICE, group, List.of(DAVE)));
    Sent answer =
        Await.done(
            core.services
                .chats()
                .send(
                    ALICE,
                    group,
                    new Outgoing(
                        "yes",
                        Optional.empty(),
                        List.of(),
                        Optional.of(early.message().id()),
                        false)));

    MessageView seen = only(DAVE, group, answer.message().id());

    assertThat(seen.lifecycle().replyTo().orElseThrow().text()).isEmpty();
    assertThat(only(BOB, group, answer.message().id()).lifecycle().replyTo().orElseThrow().text())
        .isEqualTo("before dave");
  }
}
