package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static io.chat.application.testing.Users.DESK;
import static io.chat.application.testing.Users.ERIN;
import static io.chat.application.testing.Users.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.testing.ChatState;
import io.chat.application.testing.Chats;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Messages;
import io.chat.application.testing.Users;
import io.chat.domain.call.CallEntry;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallType;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportState;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatRepository} promises: one chat per type and pair whatever the concurrency,
 * seqs handed out once each, member marks changed by compare-and-set only, support fields changed
 * field by field, and lists in activity order, paged by cursor without gaps or duplicates. A group
 * is found by its id, takes its seqs like any chat without counting anything unread, and is listed
 * for the users whose memberships (in the same store) list it. A revision moves the chat's change
 * number up only, replaces its last message only while that message is still the last and older,
 * and is not activity.
 */
public abstract class ChatRepositoryContract {
  private static final UserId ADMIN = UserId.of("admin-1");

  private final ObjectIdGenerator ids = Ids.seeded(20240501L);
  private final Chats chats = new Chats(ids);
  private final Messages messages = new Messages(ids);
  private static final Set<ChatType> ALL_TYPES = EnumSet.allOf(ChatType.class);

  private ChatRepository repository;
  private MembershipRepository memberships;

  /** A repository of its own, empty, for each test. */
  protected abstract ChatRepository newRepository();

  /**
   * The membership repository of the store that holds {@code repository}: the one whose {@link
   * MembershipRepository#listedGroupsOf} its {@code listForUser} reads.
   */
  protected abstract MembershipRepository membershipsOf(ChatRepository repository);

  @BeforeEach
  void startEmpty() {
    repository = newRepository();
    memberships = membershipsOf(repository);
  }

  // ---- finding and creating

  @Test
  void aChatIsFoundByIdAndByPairAsItWasStored() {
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    done(repository.findOrCreate(chat));

    assertThat(done(repository.findById(chat.id())).map(ChatState::of))
        .contains(ChatState.of(chat));
    assertThat(done(repository.findByPair(ChatType.USER_CHAT, PairKey.of(BOB, ALICE))))
        .map(ChatState::of)
        .contains(ChatState.of(chat));
  }

  @Test
  void anUnknownChatIsNotFound() {
    done(repository.findOrCreate(chats.userChat(ALICE, BOB, at(0))));

    assertThat(done(repository.findById(ids.newChatId()))).isEmpty();
    assertThat(done(repository.findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, CAROL)))).isEmpty();
  }

  @Test
  void aPairHasItsUserChatAndItsSupportChatApartByType() {
    Chat support = chats.supportChat(ALICE, at(0));
    done(repository.findOrCreate(support));

    assertThat(done(repository.findByPair(ChatType.USER_CHAT, support.pair()))).isEmpty();
    assertThat(done(repository.findByPair(ChatType.ADMIN_SUPPORT, support.pair())))
        .map(Chat::id)
        .contains(support.id());
  }

  @Test
  void findOrCreateStoresTheCandidateWhenThePairHasNoChat() {
    Chat candidate = chats.supportChat(ALICE, RelatedEntity.of("support", "ticket-7"), at(0));

    Chat answered = done(repository.findOrCreate(candidate));

    assertThat(ChatState.of(answered)).isEqualTo(ChatState.of(candidate));
    assertThat(done(repository.findById(candidate.id())))
        .map(ChatState::of)
        .contains(ChatState.of(candidate));
  }

  @Test
  void findOrCreateAnswersTheStoredChatWhenThePairHasOne() {
    Chat first = done(repository.findOrCreate(chats.userChat(ALICE, BOB, at(0))));
    record(first, ALICE, at(1));

    Chat answered = done(repository.findOrCreate(chats.userChat(BOB, ALICE, at(5))));

    assertThat(answered.id()).isEqualTo(first.id());
    assertThat(answered.lastSeq()).isEqualTo(1);
    assertThat(answered.createdAt()).isEqualTo(at(0));
  }

  @Test
  void concurrentFirstContactsOfOnePairMakeOneChat() {
    List<Chat> candidates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      candidates.add(
          i % 2 == 0 ? chats.userChat(ALICE, BOB, at(i)) : chats.userChat(BOB, ALICE, at(i)));
    }

    List<Chat> answers = Concurrently.call(40, i -> repository.findOrCreate(candidates.get(i)));

    Set<ChatId> answeredIds = answers.stream().map(Chat::id).collect(Collectors.toSet());
    assertThat(answeredIds).hasSize(1);
    ChatId winner = answeredIds.iterator().next();
    assertThat(candidates).extracting(Chat::id).contains(winner);
    assertThat(done(repository.findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))))
        .map(Chat::id)
        .contains(winner);
    assertThat(done(repository.partnersOf(ALICE))).containsExactly(BOB);
  }

  // ---- recording messages

  @Test
  void theFirstMessageOfAPairCreatesItsChatAtSeqOne() {
    Chat candidate = chats.userChat(ALICE, BOB, at(0));
    NewMessage hello = messages.newMessage(ALICE, "hello", at(3), "c-1");

    Chat after = done(repository.recordMessage(candidate, hello, Optional.empty()));

    assertThat(after.id()).isEqualTo(candidate.id());
    assertThat(after.lastSeq()).isEqualTo(1);
    assertThat(after.lastMessage()).contains(hello.at(candidate.id(), 1));
    assertThat(after.member(BOB)).isEqualTo(new MemberState(0, 0, 1));
    assertThat(after.member(ALICE)).isEqualTo(MemberState.NEW);
    assertThat(after.createdAt()).isEqualTo(at(0));
    assertThat(after.updatedAt()).isEqualTo(at(3));
    assertThat(done(repository.findById(candidate.id())))
        .map(ChatState::of)
        .contains(ChatState.of(after));
  }

  @Test
  void aCallEntryIsThePairsLastMessageAsStoredAndCountsUnreadForTheCallee() {
    Chat chat = done(repository.findOrCreate(chats.userChat(ALICE, BOB, at(0))));
    CallEntry entry =
        new CallEntry(CallId.of("missed-1"), CallType.VIDEO, CallOutcome.MISSED, 0, ALICE, BOB);
    NewMessage logged =
        new NewMessage(
            ids.newMessageId(),
            ALICE,
            MessageText.NONE,
            at(4),
            Optional.of(ClientMessageId.of("call:missed-1")),
            Optional.of(SystemEvent.call(entry)),
            List.of());

    Chat after = done(repository.recordMessage(chat, logged, Optional.empty()));

    assertThat(after.lastMessage()).contains(logged.at(chat.id(), 1));
    assertThat(after.unreadFor(BOB)).isEqualTo(1);
    Chat read = done(repository.findById(chat.id())).orElseThrow();
    assertThat(read.lastMessage()).contains(logged.at(chat.id(), 1));
    assertThat(read.lastMessage().orElseThrow().system().orElseThrow().call()).contains(entry);
  }

  @Test
  void aMessageForAPairWithAChatGoesIntoThatChat() {
    Chat existing = done(repository.findOrCreate(chats.userChat(ALICE, BOB, at(0))));

    Chat after = record(chats.userChat(BOB, ALICE, at(1)), BOB, at(2));

    assertThat(after.id()).isEqualTo(existing.id());
    assertThat(after.createdAt()).isEqualTo(at(0));
    assertThat(after.lastSeq()).isEqualTo(1);
  }

  @Test
  void eachMessageTakesTheNextSeqAndBecomesTheLastMessage() {
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    List<Long> seqs = new ArrayList<>();
    NewMessage last = null;
    for (int i = 1; i <= 3; i++) {
      last = messages.newMessage(i == 2 ? BOB : ALICE, "message " + i, at(i));
      seqs.add(done(repository.recordMessage(chat, last, Optional.empty())).lastSeq());
    }

    assertThat(seqs).containsExactly(1L, 2L, 3L);
    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.lastSeq()).isEqualTo(3);
    assertThat(stored.lastMessage()).contains(last.at(chat.id(), 3));
  }

  @Test
  void eachMessageCountsAsUnreadForItsRecipientOnly() {
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    record(chat, ALICE, at(1));
    record(chat, ALICE, at(2));
    Chat after = record(chat, BOB, at(3));

    assertThat(after.unreadFor(BOB)).isEqualTo(2);
    assertThat(after.unreadFor(ALICE)).isEqualTo(1);
  }

  @Test
  void aMessageKeepsTheMembersOtherMarks() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    MemberState read = new MemberState(1, 1, 0);
    assertThat(done(repository.compareAndSetMember(chat.id(), BOB, 1, chat.member(BOB), read)))
        .isTrue();

    Chat after = record(chat, ALICE, at(2));

    assertThat(after.member(BOB)).isEqualTo(new MemberState(1, 1, 1));
  }

  @Test
  void activityTimeFollowsTheLatestMessageAndNeverMovesBack() {
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    record(chat, ALICE, at(10));

    NewMessage late = messages.newMessage(BOB, "sent earlier, arrived later", at(5));
    Chat after = done(repository.recordMessage(chat, late, Optional.empty()));

    assertThat(after.updatedAt()).isEqualTo(at(10));
    assertThat(after.lastSeq()).isEqualTo(2);
    assertThat(after.lastMessage()).contains(late.at(chat.id(), 2));
    assertThat(done(repository.findById(chat.id())).orElseThrow().updatedAt()).isEqualTo(at(10));
  }

  @Test
  void aMessageInASupportChatSetsItsStatus() {
    Chat support = chats.supportChat(ALICE, at(0));

    Chat afterUser = record(support, ALICE, at(1));
    assertThat(afterUser.support().map(SupportState::status)).contains(SupportStatus.OPEN);

    Chat afterStaff = record(support, SYSTEM.id(), at(2));
    assertThat(afterStaff.support().map(SupportState::status)).contains(SupportStatus.WAITING_USER);
    assertThat(done(repository.findById(support.id())).flatMap(Chat::support))
        .map(SupportState::status)
        .contains(SupportStatus.WAITING_USER);
  }

  @Test
  void concurrentMessagesOfANewPairMakeOneChatAndTakeEverySeqOnce() {
    int count = 100;
    List<Chat> candidates = new ArrayList<>();
    List<NewMessage> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UserId sender = i % 2 == 0 ? ALICE : BOB;
      candidates.add(chats.userChat(sender, sender == ALICE ? BOB : ALICE, at(0)));
      sent.add(messages.newMessage(sender, "message " + i, at(1 + i % 7)));
    }

    List<Chat> answers =
        Concurrently.call(
            count, i -> repository.recordMessage(candidates.get(i), sent.get(i), Optional.empty()));

    assertThat(answers.stream().map(Chat::id).distinct()).hasSize(1);
    assertThat(answers.stream().map(Chat::lastSeq).sorted())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
    for (int i = 0; i < count; i++) {
      assertThat(answers.get(i).lastMessage().map(m -> m.id()))
          .as("the answer of call %d shows its own message", i)
          .contains(sent.get(i).id());
    }
    Chat stored =
        done(repository.findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))).orElseThrow();
    assertThat(stored.id()).isEqualTo(answers.get(0).id());
    assertThat(stored.lastSeq()).isEqualTo(count);
    assertThat(stored.unreadFor(ALICE)).isEqualTo(count / 2);
    assertThat(stored.unreadFor(BOB)).isEqualTo(count / 2);
    assertThat(stored.updatedAt()).isEqualTo(at(7));
  }

  // ---- member marks by compare-and-set

  @Test
  void marksOfAMemberWhoNeverActedAreReplacedFromNew() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    MemberState cleared = new MemberState(0, 1, 0);

    boolean done =
        done(repository.compareAndSetMember(chat.id(), ALICE, 1, MemberState.NEW, cleared));

    assertThat(done).isTrue();
    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.member(ALICE)).isEqualTo(cleared);
    assertThat(stored.member(BOB)).isEqualTo(chat.member(BOB));
  }

  @Test
  void changingMarksIsNotActivity() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));

    done(
        repository.compareAndSetMember(
            chat.id(), BOB, 1, chat.member(BOB), chat.member(BOB).readUpTo(1, 0)));

    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.updatedAt()).isEqualTo(chat.updatedAt());
    assertThat(stored.lastSeq()).isEqualTo(chat.lastSeq());
    assertThat(stored.lastMessage()).isEqualTo(chat.lastMessage());
  }

  @Test
  void compareAndSetRefusesAStaleLastSeqEvenWhenTheMarksAreUnchanged() {
    Chat seen = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    // Alice's own message leaves her marks as they were; only the chat moved on.
    record(seen, ALICE, at(2));

    boolean done =
        done(
            repository.compareAndSetMember(
                seen.id(), ALICE, seen.lastSeq(), seen.member(ALICE), new MemberState(0, 1, 0)));

    assertThat(done).isFalse();
    assertThat(done(repository.findById(seen.id())).orElseThrow().member(ALICE))
        .isEqualTo(MemberState.NEW);
    assertThat(
            done(
                repository.compareAndSetMember(
                    seen.id(), ALICE, 2, MemberState.NEW, new MemberState(0, 2, 0))))
        .isTrue();
  }

  @Test
  void compareAndSetRefusesStaleMarks() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));

    boolean fromNew =
        done(
            repository.compareAndSetMember(
                chat.id(), BOB, 1, MemberState.NEW, new MemberState(1, 0, 0)));
    boolean fromCurrent =
        done(
            repository.compareAndSetMember(
                chat.id(), BOB, 1, new MemberState(0, 0, 1), new MemberState(1, 0, 0)));

    assertThat(fromNew).as("bob has an unread message: his marks are no longer NEW").isFalse();
    assertThat(fromCurrent).isTrue();
    assertThat(done(repository.findById(chat.id())).orElseThrow().member(BOB))
        .isEqualTo(new MemberState(1, 0, 0));
  }

  @Test
  void compareAndSetFromNewIsRefusedOnceTheMemberActed() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    MemberState first = new MemberState(0, 1, 0);
    MemberState second = new MemberState(1, 0, 0);

    assertThat(done(repository.compareAndSetMember(chat.id(), ALICE, 1, MemberState.NEW, first)))
        .isTrue();
    assertThat(done(repository.compareAndSetMember(chat.id(), ALICE, 1, MemberState.NEW, second)))
        .isFalse();
    assertThat(done(repository.findById(chat.id())).orElseThrow().member(ALICE)).isEqualTo(first);
  }

  @Test
  void compareAndSetOnAnUnknownChatAnswersFalse() {
    assertThat(
            done(
                repository.compareAndSetMember(
                    ids.newChatId(), ALICE, 0, MemberState.NEW, new MemberState(1, 0, 0))))
        .isFalse();
  }

  @Test
  void concurrentCompareAndSetsFromOneStateLetExactlyOneWin() {
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    int count = 16;
    for (int i = 1; i <= count; i++) {
      chat = record(chat, ALICE, at(i));
    }
    MemberState before = chat.member(BOB);
    ChatId id = chat.id();

    List<Boolean> outcomes =
        Concurrently.call(
            count,
            i ->
                repository.compareAndSetMember(
                    id, BOB, count, before, before.readUpTo(i + 1, count - (i + 1))));

    assertThat(outcomes).containsOnlyOnce(true);
    int winner = outcomes.indexOf(true);
    assertThat(done(repository.findById(id)).orElseThrow().member(BOB))
        .isEqualTo(before.readUpTo(winner + 1, count - (winner + 1)));
  }

  // ---- revisions

  @Test
  void aRevisionMovesTheLastChangeUpAndNeverDown() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    assertThat(chat.lastChange()).isZero();

    done(repository.recordRevision(chat.id(), 5, Optional.empty()));
    assertThat(done(repository.findById(chat.id())).orElseThrow().lastChange()).isEqualTo(5);

    done(repository.recordRevision(chat.id(), 3, Optional.empty()));
    assertThat(done(repository.findById(chat.id())).orElseThrow().lastChange()).isEqualTo(5);

    done(repository.recordRevision(chat.id(), 6, Optional.empty()));
    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.lastChange()).isEqualTo(6);
    assertThat(ChatState.of(stored))
        .as("a revision of an older message touches nothing else")
        .isEqualTo(ChatState.of(chat));
  }

  @Test
  void aRevisedLastMessageBecomesTheLastMessageAndIsNotActivity() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    Message last = chat.lastMessage().orElseThrow();
    Message edited =
        last.edited(MessageText.of("edited"), at(5), 1)
            .withReactions(List.of(new Reaction("\uD83D\uDC4D", 1)), 2)
            .withPin(Optional.of(new Pin(BOB, at(6))), 3)
            .hiddenFor(BOB, 4);

    done(repository.recordRevision(chat.id(), 4, Optional.of(edited)));

    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.lastMessage()).contains(edited);
    assertThat(stored.lastChange()).isEqualTo(4);
    assertThat(stored.updatedAt()).isEqualTo(at(1));
    assertThat(stored.lastSeq()).isEqualTo(1);
    assertThat(stored.lastMessageFor(BOB)).as("bob deleted it for himself").isEmpty();
    assertThat(stored.lastMessageFor(ALICE)).contains(edited);
  }

  @Test
  void aLastMessageDeletedForEveryoneIsATombstoneInTheChat() {
    NewMessage secret =
        new NewMessage(
            ids.newMessageId(),
            DAVE,
            MessageText.of("@alice a secret"),
            at(1),
            Optional.of(ClientMessageId.of("c-1")),
            Optional.empty(),
            List.of(ALICE));
    Chat group = done(repository.recordMessage(group("Secrets", at(0)), secret, Optional.empty()));
    Message tombstone = group.lastMessage().orElseThrow().deletedForEveryone(at(2), 1);

    done(repository.recordRevision(group.id(), 1, Optional.of(tombstone)));

    Chat stored = done(repository.findById(group.id())).orElseThrow();
    assertThat(stored).isEqualTo(group.withRevisedLast(tombstone));
    Message last = stored.lastMessage().orElseThrow();
    assertThat(last.isDeleted()).isTrue();
    assertThat(last.text().isEmpty()).isTrue();
    assertThat(last.mentions()).isEmpty();
    assertThat(last.seq()).isEqualTo(1);
  }

  @Test
  void aRevisionOfAMessageThatIsNoLongerLastLeavesTheLastMessage() {
    Chat first = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    Message earlier = first.lastMessage().orElseThrow();
    Chat second = record(first, BOB, at(2));

    done(
        repository.recordRevision(
            first.id(), 1, Optional.of(earlier.edited(MessageText.of("late edit"), at(3), 1))));

    Chat stored = done(repository.findById(first.id())).orElseThrow();
    assertThat(stored.lastMessage()).isEqualTo(second.lastMessage());
    assertThat(stored.lastChange()).isEqualTo(1);
    assertThat(stored.updatedAt()).isEqualTo(at(2));
  }

  @Test
  void anOlderRevisionOfTheLastMessageNeverReplacesANewerOne() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    Message last = chat.lastMessage().orElseThrow();
    Message newer = last.edited(MessageText.of("newer"), at(3), 2);
    Message older = last.edited(MessageText.of("older"), at(2), 1);

    done(repository.recordRevision(chat.id(), 2, Optional.of(newer)));
    done(repository.recordRevision(chat.id(), 1, Optional.of(older)));

    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.lastMessage()).contains(newer);
    assertThat(stored.lastChange()).isEqualTo(2);
  }

  @Test
  void aRevisionOfAnUnknownChatChangesNothing() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    ChatId unknown = ids.newChatId();

    done(repository.recordRevision(unknown, 3, Optional.empty()));

    assertThat(done(repository.findById(unknown))).isEmpty();
    assertThat(done(repository.findById(chat.id())).orElseThrow().lastChange()).isZero();
  }

  @Test
  void aNewMessageAfterARevisionKeepsTheLastChange() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    done(repository.recordRevision(chat.id(), 4, Optional.empty()));

    Chat after = record(chat, BOB, at(2));

    assertThat(after.lastChange()).isEqualTo(4);
    assertThat(after.lastSeq()).isEqualTo(2);
    assertThat(done(repository.findById(chat.id())).orElseThrow().lastChange()).isEqualTo(4);
  }

  // ---- delivered and archive marks

  @Test
  void theDeliveredMarkMovesUpOnlyAndTouchesNothingElse() {
    Chat chat = chats.userChat(ALICE, BOB, at(0));
    for (int i = 1; i <= 3; i++) {
      chat = record(chat, ALICE, at(i));
    }

    assertThat(done(repository.advanceDelivered(chat.id(), BOB, 2))).isTrue();
    assertThat(done(repository.advanceDelivered(chat.id(), BOB, 2))).isFalse();
    assertThat(done(repository.advanceDelivered(chat.id(), BOB, 1))).isFalse();

    Chat stored = done(repository.findById(chat.id())).orElseThrow();
    assertThat(stored.member(BOB)).isEqualTo(new MemberState(0, 0, 3, 2, 0));
    assertThat(stored.member(ALICE)).isEqualTo(MemberState.NEW);
    assertThat(stored.updatedAt()).isEqualTo(chat.updatedAt());
    assertThat(stored.lastSeq()).isEqualTo(3);
    assertThat(done(repository.advanceDelivered(chat.id(), BOB, 3))).isTrue();
    assertThat(done(repository.findById(chat.id())).orElseThrow().member(BOB).deliveredSeq())
        .isEqualTo(3);
  }

  @Test
  void aDeliveredMarkOfANonParticipantOrAnUnknownChatIsRefused() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    Chat group = groupOf(List.of(ALICE, BOB), "Marks of their own", at(2));

    assertThat(done(repository.advanceDelivered(chat.id(), CAROL, 1))).isFalse();
    assertThat(done(repository.advanceDelivered(ids.newChatId(), BOB, 1))).isFalse();
    assertThat(done(repository.advanceDelivered(group.id(), BOB, 1)))
        .as("a group's marks are its memberships'")
        .isFalse();
    assertThat(done(repository.setArchived(chat.id(), CAROL, 1))).isFalse();
    assertThat(done(repository.setArchived(ids.newChatId(), BOB, 1))).isFalse();
    assertThat(done(repository.findById(chat.id())))
        .map(ChatState::of)
        .contains(ChatState.of(chat));
  }

  @Test
  void aNewMessageKeepsTheDeliveredAndArchiveMarks() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    done(repository.advanceDelivered(chat.id(), BOB, 1));
    done(repository.setArchived(chat.id(), BOB, 1));

    Chat after = record(chat, ALICE, at(2));

    assertThat(after.member(BOB)).isEqualTo(new MemberState(0, 0, 2, 1, 1));
    assertThat(after.member(BOB).isArchived(after.lastSeq(), false))
        .as("a newer message unarchives the chat")
        .isFalse();
    assertThat(after.member(BOB).isArchived(after.lastSeq(), true))
        .as("unless it is muted")
        .isTrue();
  }

  @Test
  void aCompareAndSetIsRefusedOnceTheDeliveredMarkMovedAndKeepsItAfter() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    MemberState seen = chat.member(BOB);
    done(repository.advanceDelivered(chat.id(), BOB, 1));

    boolean stale =
        done(repository.compareAndSetMember(chat.id(), BOB, 1, seen, seen.readUpTo(1, 0)));
    MemberState current = done(repository.findById(chat.id())).orElseThrow().member(BOB);
    boolean fresh =
        done(repository.compareAndSetMember(chat.id(), BOB, 1, current, current.readUpTo(1, 0)));

    assertThat(stale).as("the delivered mark moved: the marks are no longer those read").isFalse();
    assertThat(current).isEqualTo(new MemberState(0, 0, 1, 1, 0));
    assertThat(fresh).isTrue();
    assertThat(done(repository.findById(chat.id())).orElseThrow().member(BOB))
        .isEqualTo(new MemberState(1, 0, 0, 1, 0));
  }

  @Test
  void theArchiveMarkIsSetAndClearedPerParticipantAndIsNotActivity() {
    Chat chat = record(record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1)), BOB, at(2));

    assertThat(done(repository.setArchived(chat.id(), ALICE, 2))).isTrue();

    Chat archived = done(repository.findById(chat.id())).orElseThrow();
    assertThat(archived.member(ALICE).archivedSeq()).isEqualTo(2);
    assertThat(archived.member(ALICE).isArchived(archived.lastSeq(), false)).isTrue();
    assertThat(archived.member(BOB).archivedSeq()).isZero();
    assertThat(archived.updatedAt()).isEqualTo(at(2));
    assertThat(archived.member(ALICE).unread()).isEqualTo(chat.member(ALICE).unread());

    assertThat(done(repository.setArchived(chat.id(), ALICE, 0))).isTrue();
    assertThat(done(repository.findById(chat.id())).orElseThrow().member(ALICE).archivedSeq())
        .isZero();
  }

  // ---- support fields

  @Test
  void aSupportChangeChangesOnlyTheFieldsItNames() {
    Chat support = record(chats.supportChat(ALICE, at(0)), SYSTEM.id(), at(1));
    RelatedEntity topic = RelatedEntity.of("trip_verification", "trip-42");

    Optional<Chat> assigned =
        done(
            repository.updateSupport(
                support.id(), SupportChange.none().withAssignee(Optional.of(ADMIN))));
    assertThat(assigned.flatMap(Chat::support))
        .contains(
            new SupportState(SupportStatus.WAITING_USER, Optional.empty(), Optional.of(ADMIN)));

    Optional<Chat> resolved =
        done(
            repository.updateSupport(
                support.id(), SupportChange.none().withStatus(SupportStatus.RESOLVED)));
    assertThat(resolved.flatMap(Chat::support))
        .contains(new SupportState(SupportStatus.RESOLVED, Optional.empty(), Optional.of(ADMIN)));

    done(repository.updateSupport(support.id(), SupportChange.none().withRelatedEntity(topic)));
    assertThat(done(repository.findById(support.id())).flatMap(Chat::support))
        .contains(new SupportState(SupportStatus.RESOLVED, Optional.of(topic), Optional.of(ADMIN)));
  }

  @Test
  void aSupportChangeCanUnassign() {
    Chat support = done(repository.findOrCreate(chats.supportChat(ALICE, at(0))));
    done(
        repository.updateSupport(
            support.id(), SupportChange.none().withAssignee(Optional.of(ADMIN))));

    Optional<Chat> after =
        done(
            repository.updateSupport(
                support.id(), SupportChange.none().withAssignee(Optional.empty())));

    assertThat(after.flatMap(Chat::support).flatMap(SupportState::assignedAdminId)).isEmpty();
    assertThat(done(repository.findById(support.id())).flatMap(Chat::support))
        .map(SupportState::assignedAdminId)
        .contains(Optional.empty());
  }

  @Test
  void aSupportChangeKeepsTheStatusAMessageSetMeanwhile() {
    Chat support = record(chats.supportChat(ALICE, at(0)), SYSTEM.id(), at(1));
    done(
        repository.updateSupport(
            support.id(), SupportChange.none().withStatus(SupportStatus.RESOLVED)));
    record(support, ALICE, at(2));

    done(
        repository.updateSupport(
            support.id(), SupportChange.none().withAssignee(Optional.of(ADMIN))));

    assertThat(done(repository.findById(support.id())).flatMap(Chat::support))
        .map(SupportState::status)
        .contains(SupportStatus.OPEN);
  }

  @Test
  void aSupportChangeIsNotActivity() {
    Chat support = record(chats.supportChat(ALICE, at(0)), ALICE, at(1));

    Chat after =
        done(repository.updateSupport(
                support.id(), SupportChange.none().withStatus(SupportStatus.RESOLVED)))
            .orElseThrow();

    assertThat(after.updatedAt()).isEqualTo(at(1));
    assertThat(after.lastSeq()).isEqualTo(1);
    assertThat(after.lastMessage()).isEqualTo(support.lastMessage());
    assertThat(after.member(SYSTEM.id())).isEqualTo(support.member(SYSTEM.id()));
  }

  @Test
  void aSupportChangeOfAnUnknownChatAnswersEmpty() {
    assertThat(
            done(
                repository.updateSupport(
                    ids.newChatId(), SupportChange.none().withStatus(SupportStatus.RESOLVED))))
        .isEmpty();
  }

  @Test
  void aSupportChangeOfAUserChatAnswersEmptyAndChangesNothing() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));

    Optional<Chat> after =
        done(
            repository.updateSupport(
                chat.id(), SupportChange.none().withStatus(SupportStatus.RESOLVED)));

    assertThat(after).isEmpty();
    assertThat(done(repository.findById(chat.id())))
        .map(ChatState::of)
        .contains(ChatState.of(chat));
  }

  // ---- a user's list

  @Test
  void aUsersListShowsOnlyTheirChatsWithMessages() {
    Chat withBob = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    done(repository.findOrCreate(chats.userChat(ALICE, CAROL, at(2))));
    record(chats.userChat(DAVE, ERIN, at(0)), DAVE, at(3));

    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(withBob.id());
  }

  @Test
  void aUsersListShowsChatsOfEveryType() {
    Chat withBob = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    Chat support = record(chats.supportChat(ALICE, at(0)), SYSTEM.id(), at(2));

    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(support.id(), withBob.id());
  }

  @Test
  void aUsersListLeavesOutExcludedPartners() {
    Chat withBob = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    record(chats.userChat(ALICE, CAROL, at(0)), CAROL, at(2));
    record(chats.userChat(DAVE, ALICE, at(0)), DAVE, at(3));

    assertThat(done(repository.listForUser(ALICE, Set.of(CAROL, DAVE, ERIN), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(withBob.id());
  }

  @Test
  void aUsersListPutsTheLatestActivityFirst() {
    Chat withBob = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    Chat withCarol = record(chats.userChat(ALICE, CAROL, at(0)), ALICE, at(2));
    Chat withDave = record(chats.userChat(ALICE, DAVE, at(0)), DAVE, at(3));
    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(withDave.id(), withCarol.id(), withBob.id());

    record(withBob, ALICE, at(4));

    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(withBob.id(), withDave.id(), withCarol.id());
  }

  @Test
  void aUsersListBreaksTiesOfActivityByIdDescending() {
    List<ChatId> tied = new ArrayList<>();
    for (UserId partner : List.of(BOB, CAROL, DAVE, ERIN)) {
      tied.add(record(chats.userChat(ALICE, partner, at(0)), partner, at(5)).id());
    }

    List<Chat> listed = done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10));

    assertThat(listed)
        .extracting(Chat::id)
        .containsExactlyElementsOf(
            tied.stream().sorted((a, b) -> b.value().compareTo(a.value())).toList());
  }

  @Test
  void aUsersListAnswersAtMostTheLimit() {
    for (UserId partner : List.of(BOB, CAROL, DAVE, ERIN)) {
      record(chats.userChat(ALICE, partner, at(0)), partner, at(1));
    }

    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 3))).hasSize(3);
    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 1))).hasSize(1);
  }

  @Test
  void aUsersListPagesWithoutGapsOrDuplicates() {
    List<Chat> all = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      UserId partner = UserId.of("partner-" + i);
      // Pairs of chats share an activity time, so that pages cut through ties.
      all.add(record(chats.userChat(partner, ALICE, at(0)), partner, at(1 + i / 2)));
    }
    List<ChatId> expected = all.stream().sorted(ChatCursor.ORDER).map(Chat::id).toList();

    List<ChatId> paged = new ArrayList<>();
    Optional<ChatCursor> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<Chat> page = done(repository.listForUser(ALICE, Set.of(), after, 3));
      assertThat(page).hasSizeLessThanOrEqualTo(3);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(chat -> paged.add(chat.id()));
      after = Optional.of(ChatCursor.of(page.get(page.size() - 1)));
    }

    assertThat(paged).containsExactlyElementsOf(expected);
  }

  @Test
  void aUsersListStartsStrictlyAfterTheCursorPosition() {
    Chat first = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    Chat second = record(chats.userChat(ALICE, CAROL, at(0)), CAROL, at(2));
    Chat third = record(chats.userChat(ALICE, DAVE, at(0)), DAVE, at(3));

    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.of(ChatCursor.of(third)), 10)))
        .extracting(Chat::id)
        .containsExactly(second.id(), first.id());
    // A position is a value: it need not be a chat's, and a chat that moved does not matter.
    ChatCursor between = new ChatCursor(at(2).plusMillis(500), third.id());
    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.of(between), 10)))
        .extracting(Chat::id)
        .containsExactly(second.id(), first.id());
    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.of(ChatCursor.of(first)), 10)))
        .isEmpty();
  }

  // ---- the support desk's list

  @Test
  void theSupportListShowsSupportChatsWithOrWithoutMessages() {
    Chat quiet = done(repository.findOrCreate(chats.supportChat(ALICE, at(1))));
    Chat busy = record(chats.supportChat(BOB, at(0)), BOB, at(2));
    record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(3));

    assertThat(done(repository.listSupport(Optional.empty(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(busy.id(), quiet.id());
  }

  @Test
  void theSupportListCanShowOneStatusOnly() {
    Chat open = record(chats.supportChat(ALICE, at(0)), ALICE, at(1));
    Chat waiting = record(chats.supportChat(BOB, at(0)), SYSTEM.id(), at(2));
    Chat resolved = record(chats.supportChat(CAROL, at(0)), CAROL, at(3));
    done(
        repository.updateSupport(
            resolved.id(), SupportChange.none().withStatus(SupportStatus.RESOLVED)));
    Chat quiet = done(repository.findOrCreate(chats.supportChat(DAVE, at(4))));

    assertThat(done(repository.listSupport(Optional.of(SupportStatus.OPEN), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(quiet.id(), open.id());
    assertThat(
            done(
                repository.listSupport(
                    Optional.of(SupportStatus.WAITING_USER), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(waiting.id());
    assertThat(
            done(repository.listSupport(Optional.of(SupportStatus.RESOLVED), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(resolved.id());
  }

  @Test
  void theSupportListPagesInActivityOrderWithoutGapsOrDuplicates() {
    List<Chat> open = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      UserId user = UserId.of("customer-" + i);
      Chat chat = record(chats.supportChat(user, at(0)), user, at(1 + i / 3));
      if (i % 4 == 3) {
        record(chat, SYSTEM.id(), at(10));
      } else {
        open.add(done(repository.findById(chat.id())).orElseThrow());
      }
    }
    List<ChatId> expected = open.stream().sorted(ChatCursor.ORDER).map(Chat::id).toList();

    List<ChatId> paged = new ArrayList<>();
    Optional<ChatCursor> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<Chat> page = done(repository.listSupport(Optional.of(SupportStatus.OPEN), after, 2));
      assertThat(page).hasSizeLessThanOrEqualTo(2);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(chat -> paged.add(chat.id()));
      after = Optional.of(ChatCursor.of(page.get(page.size() - 1)));
    }

    assertThat(paged).containsExactlyElementsOf(expected);
  }

  // ---- partners

  @Test
  void partnersAreEveryoneWhoSharesAChatOfAnyType() {
    record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    done(repository.findOrCreate(chats.userChat(CAROL, ALICE, at(0))));
    done(repository.findOrCreate(chats.supportChat(ALICE, at(0))));
    record(chats.userChat(DAVE, ERIN, at(0)), DAVE, at(1));

    assertThat(done(repository.partnersOf(ALICE)))
        .containsExactlyInAnyOrder(BOB, CAROL, SYSTEM.id());
    assertThat(done(repository.partnersOf(BOB))).containsExactly(ALICE);
    assertThat(done(repository.partnersOf(UserId.of("loner")))).isEmpty();
  }

  // ---- groups

  @Test
  void theFirstEntryOfAGroupCreatesItByIdAtSeqOne() {
    GroupProfile profile =
        new GroupProfile(
            "Climbing \uD83E\uDDD7",
            Optional.of("Weekends only.\nBring shoes."),
            Optional.of("https://example.com/climbing.png"));
    Chat candidate = Chat.startGroup(ids.newChatId(), profile, true, at(0));
    candidate = candidate.withGroup(candidate.requireGroup().withMemberCount(3));
    NewMessage created =
        NewMessage.system(
            ids.newMessageId(),
            SystemEvent.created(ALICE, profile.name(), List.of(BOB, CAROL)),
            at(2));

    Chat after = done(repository.recordMessage(candidate, created, Optional.empty()));

    assertThat(after.id()).isEqualTo(candidate.id());
    assertThat(after.type()).isEqualTo(ChatType.GROUP);
    assertThat(after.group()).isEqualTo(candidate.group());
    assertThat(after.lastSeq()).isEqualTo(1);
    assertThat(after.lastMessage()).contains(created.at(candidate.id(), 1));
    assertThat(after.members()).isEmpty();
    assertThat(after.participants()).isEmpty();
    assertThat(after.createdAt()).isEqualTo(at(0));
    assertThat(after.updatedAt()).isEqualTo(at(2));
    assertThat(done(repository.findById(candidate.id()))).contains(after);
  }

  @Test
  void eachEntryOfAGroupTakesTheNextSeqAndCountsNothingUnread() {
    Chat group = group("Book club", at(0));
    List<Long> seqs = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      seqs.add(recordInGroup(group, List.of(ALICE, BOB, CAROL).get(i % 3), at(i)).lastSeq());
    }
    NewMessage mentioning =
        new NewMessage(
            ids.newMessageId(),
            DAVE,
            MessageText.of("@alice @bob: Thursday?"),
            at(5),
            Optional.of(ClientMessageId.of("c-5")),
            Optional.empty(),
            List.of(ALICE, BOB));
    seqs.add(done(repository.recordMessage(group, mentioning, Optional.empty())).lastSeq());

    assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
    Chat stored = done(repository.findById(group.id())).orElseThrow();
    assertThat(stored.lastSeq()).isEqualTo(5);
    assertThat(stored.lastMessage()).contains(mentioning.at(group.id(), 5));
    assertThat(stored.members()).isEmpty();
    assertThat(stored.group()).isEqualTo(group.group());
    assertThat(stored.updatedAt()).isEqualTo(at(5));
  }

  @Test
  void anEntryIntoAnExistingGroupKeepsItsStoredGroupState() {
    Chat candidate = group("Old name", at(0));
    recordInGroup(candidate, ALICE, at(1));
    Group renamed = new Group(GroupProfile.named("New name"), true, 4);
    done(repository.updateGroup(candidate.id(), renamed));

    Chat after = recordInGroup(candidate, BOB, at(2));

    assertThat(after.group()).contains(renamed);
    assertThat(after.createdAt()).isEqualTo(at(0));
    assertThat(after.lastSeq()).isEqualTo(2);
  }

  @Test
  void concurrentEntriesOfANewGroupMakeOneChatAndTakeEverySeqOnce() {
    int count = 40;
    Chat group = group("Crowd", at(0));
    List<NewMessage> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(messages.newMessage(Users.numbered(i), "message " + i, at(1 + i % 5)));
    }

    List<Chat> answers =
        Concurrently.call(
            count, i -> repository.recordMessage(group, sent.get(i), Optional.empty()));

    assertThat(answers).extracting(Chat::id).containsOnly(group.id());
    assertThat(answers.stream().map(Chat::lastSeq).sorted())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
    Chat stored = done(repository.findById(group.id())).orElseThrow();
    assertThat(stored.lastSeq()).isEqualTo(count);
    assertThat(stored.updatedAt()).isEqualTo(at(5));
    assertThat(stored.members()).isEmpty();
  }

  @Test
  void aGroupIsNoPairsChatAndNobodysPartner() {
    Chat withBob = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    groupOf(List.of(ALICE, BOB, CAROL), "Friends", at(2));

    assertThat(done(repository.findByPair(ChatType.USER_CHAT, PairKey.of(ALICE, BOB))))
        .map(Chat::id)
        .contains(withBob.id());
    assertThat(done(repository.partnersOf(ALICE))).containsExactly(BOB);
    assertThat(done(repository.partnersOf(CAROL))).isEmpty();
  }

  @Test
  void updateGroupReplacesTheGroupStateAndIsNotActivity() {
    Chat chat = recordInGroup(group("Before", at(0)), ALICE, at(1));
    Group next =
        new Group(
            new GroupProfile(
                "After", Optional.of("A description"), Optional.of("https://example.com/a.png")),
            true,
            7);

    Optional<Chat> after = done(repository.updateGroup(chat.id(), next));

    assertThat(after).contains(chat.withGroup(next));
    assertThat(done(repository.findById(chat.id()))).contains(chat.withGroup(next));

    // Fields that become absent are gone, not kept from before.
    Group plain = new Group(GroupProfile.named("Plain"), false, 2);
    assertThat(done(repository.updateGroup(chat.id(), plain))).contains(chat.withGroup(plain));
    assertThat(done(repository.findById(chat.id()))).contains(chat.withGroup(plain));
  }

  @Test
  void updateGroupOfAnUnknownChatOrAChatOfTwoAnswersEmptyAndChangesNothing() {
    Chat chat = record(chats.userChat(ALICE, BOB, at(0)), ALICE, at(1));
    Group group = new Group(GroupProfile.named("Nope"), false, 2);

    assertThat(done(repository.updateGroup(ids.newChatId(), group))).isEmpty();
    assertThat(done(repository.updateGroup(chat.id(), group))).isEmpty();
    assertThat(done(repository.findById(chat.id())))
        .map(ChatState::of)
        .contains(ChatState.of(chat));
  }

  @Test
  void aUsersListOfEveryTypeMixesGroupsAndPairsInActivityOrder() {
    Chat withBob = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    Chat climbing = groupOf(List.of(CAROL, ALICE), "Climbing", at(2));
    Chat support = record(chats.supportChat(ALICE, at(0)), SYSTEM.id(), at(3));
    Chat books = groupOf(List.of(ALICE, BOB), "Books", at(4));
    groupOf(List.of(BOB, CAROL), "Not Alice's", at(5));

    assertThat(done(repository.listForUser(ALICE, ALL_TYPES, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(books.id(), support.id(), climbing.id(), withBob.id());
    assertThat(
            done(
                repository.listForUser(
                    ALICE, Set.of(ChatType.GROUP), Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(books.id(), climbing.id());
    assertThat(
            done(
                repository.listForUser(
                    ALICE, Set.of(ChatType.USER_CHAT), Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(withBob.id());
    assertThat(
            done(
                repository.listForUser(
                    ALICE, ChatRepository.PAIR_TYPES, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(support.id(), withBob.id());

    recordInGroup(climbing, CAROL, at(6));

    assertThat(done(repository.listForUser(ALICE, ALL_TYPES, Set.of(), Optional.empty(), 2)))
        .extracting(Chat::id)
        .containsExactly(climbing.id(), books.id());
  }

  @Test
  void aUsersListedGroupsComeBackAsStored() {
    Chat books = groupOf(List.of(ALICE, BOB), "Books", at(4));

    assertThat(done(repository.listForUser(ALICE, ALL_TYPES, Set.of(), Optional.empty(), 10)))
        .containsExactly(books);
  }

  @Test
  void theListOfChatsOfTwoShowsNoGroups() {
    Chat withBob = record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    groupOf(List.of(ALICE, BOB), "Books", at(2));

    assertThat(done(repository.listForUser(ALICE, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(withBob.id());
  }

  @Test
  void aUsersListShowsGroupsTheyLeftUntilTheyHideThem() {
    Chat left = groupOf(List.of(BOB, ALICE), "Left", at(1));
    Chat hidden = groupOf(List.of(BOB, ALICE), "Hidden", at(2));
    Chat current = groupOf(List.of(BOB, ALICE), "Current", at(3));
    Membership leftMembership = done(memberships.find(left.id(), ALICE)).orElseThrow().leftAt(1);
    Membership hiddenMembership =
        done(memberships.find(hidden.id(), ALICE)).orElseThrow().leftAt(1).hiddenFromList();
    done(memberships.saveAll(List.of(leftMembership, hiddenMembership)));

    assertThat(done(repository.listForUser(ALICE, ALL_TYPES, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(current.id(), left.id());
    assertThat(done(repository.listForUser(BOB, ALL_TYPES, Set.of(), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(current.id(), hidden.id(), left.id());
  }

  @Test
  void excludedPartnersDoNotHideGroups() {
    record(chats.userChat(ALICE, BOB, at(0)), BOB, at(1));
    Chat group = groupOf(List.of(ALICE, BOB), "Both", at(2));

    assertThat(done(repository.listForUser(ALICE, ALL_TYPES, Set.of(BOB), Optional.empty(), 10)))
        .extracting(Chat::id)
        .containsExactly(group.id());
  }

  @Test
  void aUsersListOfGroupsAndPairsPagesWithoutGapsOrDuplicates() {
    List<Chat> all = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      UserId other = UserId.of("other-" + i);
      // Pairs of chats share an activity time, so that pages cut through ties of both kinds.
      Instant when = at(1 + i / 2);
      all.add(
          i % 3 == 0
              ? record(chats.userChat(other, ALICE, at(0)), other, when)
              : groupOf(List.of(other, ALICE), "Group " + i, when));
    }
    List<ChatId> expected = all.stream().sorted(ChatCursor.ORDER).map(Chat::id).toList();

    List<ChatId> paged = new ArrayList<>();
    Optional<ChatCursor> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<Chat> page = done(repository.listForUser(ALICE, ALL_TYPES, Set.of(), after, 3));
      assertThat(page).hasSizeLessThanOrEqualTo(3);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(chat -> paged.add(chat.id()));
      after = Optional.of(ChatCursor.of(page.get(page.size() - 1)));
    }

    assertThat(paged).containsExactlyElementsOf(expected);
  }

  private Chat group(String name, Instant at) {
    return Chat.startGroup(ids.newChatId(), GroupProfile.named(name), false, at);
  }

  /**
   * A group as the application makes one: its first entry tells that {@code members}' first created
   * it with the others, and each of them joined at that entry.
   */
  private Chat groupOf(List<UserId> members, String name, Instant at) {
    Chat candidate = group(name, at(0));
    candidate = candidate.withGroup(candidate.requireGroup().withMemberCount(members.size()));
    NewMessage created =
        NewMessage.system(
            ids.newMessageId(),
            SystemEvent.created(members.get(0), name, members.subList(1, members.size())),
            at);
    Chat chat = done(repository.recordMessage(candidate, created, Optional.empty()));
    List<Membership> joined = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      joined.add(
          Membership.joined(
              chat.id(),
              members.get(i),
              i == 0 ? GroupRole.OWNER : GroupRole.MEMBER,
              chat.lastSeq(),
              at));
    }
    done(memberships.saveAll(joined));
    return chat;
  }

  private Chat recordInGroup(Chat group, UserId sender, Instant at) {
    NewMessage message = messages.newMessage(sender, "from " + sender + " at " + at, at);
    return done(repository.recordMessage(group, message, Optional.empty()));
  }

  private Chat record(Chat ifAbsent, UserId sender, Instant at) {
    NewMessage message = messages.newMessage(sender, "from " + sender + " at " + at, at);
    return done(
        repository.recordMessage(
            ifAbsent, message, ifAbsent.supportStatusAfterMessageFrom(sender, DESK)));
  }
}
