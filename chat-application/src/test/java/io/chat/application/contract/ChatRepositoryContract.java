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
import io.chat.application.testing.ChatState;
import io.chat.application.testing.Chats;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Messages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportState;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
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
 * field by field, and lists in activity order, paged by cursor without gaps or duplicates.
 */
public abstract class ChatRepositoryContract {
  private static final UserId ADMIN = UserId.of("admin-1");

  private final ObjectIdGenerator ids = Ids.seeded(20240501L);
  private final Chats chats = new Chats(ids);
  private final Messages messages = new Messages(ids);
  private ChatRepository repository;

  /** A repository of its own, empty, for each test. */
  protected abstract ChatRepository newRepository();

  @BeforeEach
  void startEmpty() {
    repository = newRepository();
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

  private Chat record(Chat ifAbsent, UserId sender, Instant at) {
    NewMessage message = messages.newMessage(sender, "from " + sender + " at " + at, at);
    return done(
        repository.recordMessage(
            ifAbsent, message, ifAbsent.supportStatusAfterMessageFrom(sender, DESK)));
  }
}
