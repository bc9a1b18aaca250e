package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MessageRepository.Stored;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.application.testing.Await;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Ids;
import io.chat.application.testing.Messages;
import io.chat.application.testing.Times;
import io.chat.domain.call.CallEntry;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallType;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageRepository} promises: each message at its own {@code (chatId, seq)},
 * stored once per {@code (chatId, sender, clientMessageId)} whatever the concurrency, and bounded
 * pages oldest first that tolerate gaps in {@code seq}; system entries and mentions kept as stored,
 * and a group member's unread count that leaves out system entries and their own messages. A
 * revision replaces a message at its place and never goes back to an older change; a tombstone
 * keeps no text; the revised and the pinned messages of a chat are found in their order; and search
 * finds the messages with every word of a query within the searcher's scopes, newest first.
 */
public abstract class MessageRepositoryContract {
  /** Seqs with gaps, as crashes between the two writes of a send leave them. */
  private static final List<Long> GAPPY_SEQS = List.of(1L, 2L, 3L, 5L, 8L, 9L, 12L);

  private static final String THUMBS_UP = "\uD83D\uDC4D";
  private static final String HEART = "\u2764\uFE0F";

  private final ObjectIdGenerator ids = Ids.seeded(42L);
  private final Messages messages = new Messages(ids);
  private final ChatId chat = ids.newChatId();
  private final ChatId otherChat = ids.newChatId();
  private MessageRepository repository;

  /** A repository of its own, empty, for each test. */
  protected abstract MessageRepository newRepository();

  @BeforeEach
  void startEmpty() {
    repository = newRepository();
  }

  // ---- storing and finding

  @Test
  void anInsertedMessageIsStoredAndFoundById() {
    Message message = messages.message(chat, 1, ALICE, at(1));

    Stored stored = done(repository.insert(message));

    assertThat(stored).isEqualTo(new Stored(message, true));
    assertThat(done(repository.findById(message.id()))).contains(message);
  }

  @Test
  void aMessageComesBackAsItWasStored() {
    Message message =
        new NewMessage(
                ids.newMessageId(),
                BOB,
                MessageText.of("line one\n\tline two: caf\u00e9 \uD83D\uDE00 <b>&amp;</b>"),
                Times.atMillis(1_234),
                Optional.of(ClientMessageId.of("9f2c-\"quoted\"-{json}")))
            .at(chat, 7);

    done(repository.insert(message));

    assertThat(done(repository.findById(message.id()))).contains(message);
    assertThat(done(repository.earliestAfter(chat, 0, 10))).containsExactly(message);
  }

  @Test
  void anUnknownMessageIsNotFound() {
    done(repository.insert(messages.message(chat, 1, ALICE, at(1), "c-1")));

    assertThat(done(repository.findById(ids.newMessageId()))).isEmpty();
    assertThat(done(repository.findByClientMessageId(chat, ALICE, ClientMessageId.of("c-2"))))
        .isEmpty();
  }

  @Test
  void aMessageIsFoundByItsSendersClientMessageIdInItsChat() {
    Message message = messages.message(chat, 1, ALICE, at(1), "c-1");
    done(repository.insert(message));

    ClientMessageId key = ClientMessageId.of("c-1");
    assertThat(done(repository.findByClientMessageId(chat, ALICE, key))).contains(message);
    assertThat(done(repository.findByClientMessageId(chat, BOB, key))).isEmpty();
    assertThat(done(repository.findByClientMessageId(otherChat, ALICE, key))).isEmpty();
  }

  @Test
  void aRetryWithTheSameClientMessageIdAnswersTheStoredMessage() {
    Message first = messages.message(chat, 1, ALICE, at(1), "c-1");
    Message retry = messages.message(chat, 2, ALICE, at(2), "c-1");
    done(repository.insert(first));

    Stored stored = done(repository.insert(retry));

    assertThat(stored).isEqualTo(new Stored(first, false));
    assertThat(done(repository.findById(retry.id()))).isEmpty();
    assertThat(done(repository.earliestAfter(chat, 0, 10))).containsExactly(first);
  }

  @Test
  void theSameClientMessageIdFromAnotherSenderOrInAnotherChatIsAnotherMessage() {
    Message alices = messages.message(chat, 1, ALICE, at(1), "c-1");
    Message bobs = messages.message(chat, 2, BOB, at(2), "c-1");
    Message elsewhere = messages.message(otherChat, 1, ALICE, at(3), "c-1");

    assertThat(done(repository.insert(alices)).created()).isTrue();
    assertThat(done(repository.insert(bobs)).created()).isTrue();
    assertThat(done(repository.insert(elsewhere)).created()).isTrue();

    assertThat(done(repository.earliestAfter(chat, 0, 10))).containsExactly(alices, bobs);
    assertThat(done(repository.earliestAfter(otherChat, 0, 10))).containsExactly(elsewhere);
  }

  @Test
  void messagesWithoutClientMessageIdAreNeverTakenForRetries() {
    Message first = messages.message(chat, 1, ALICE, at(1));
    Message second = messages.message(chat, 2, ALICE, at(1));

    assertThat(done(repository.insert(first)).created()).isTrue();
    assertThat(done(repository.insert(second)).created()).isTrue();

    assertThat(done(repository.earliestAfter(chat, 0, 10))).containsExactly(first, second);
  }

  @Test
  void concurrentRetriesStoreTheMessageOnce() {
    int count = 24;
    List<Message> attempts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      attempts.add(messages.message(chat, 1 + i, ALICE, at(1), "same-key"));
    }

    List<Stored> answers = Concurrently.call(count, i -> repository.insert(attempts.get(i)));

    assertThat(answers).filteredOn(Stored::created).hasSize(1);
    Message winner = answers.stream().filter(Stored::created).findFirst().orElseThrow().message();
    assertThat(answers).extracting(Stored::message).containsOnly(winner);
    assertThat(done(repository.earliestAfter(chat, 0, 100))).containsExactly(winner);
    assertThat(done(repository.findByClientMessageId(chat, ALICE, ClientMessageId.of("same-key"))))
        .contains(winner);
  }

  @Test
  void aSecondMessageAtATakenSeqIsRefused() {
    Message first = messages.message(chat, 1, ALICE, at(1));
    done(repository.insert(first));

    Throwable refusal = Await.failure(repository.insert(messages.message(chat, 1, BOB, at(2))));

    assertThat(refusal).isNotNull();
    assertThat(done(repository.earliestAfter(chat, 0, 10))).containsExactly(first);
  }

  // ---- pages

  @Test
  void latestBeforeAnswersTheLatestMessagesBelowTheBoundOldestFirst() {
    List<Message> stored = storeGappyHistory();

    assertThat(seqs(done(repository.latestBefore(chat, 1, 10, 3)))).containsExactly(5L, 8L, 9L);
    assertThat(done(repository.latestBefore(chat, 1, Long.MAX_VALUE, 100)))
        .containsExactlyElementsOf(stored);
    assertThat(seqs(done(repository.latestBefore(chat, 1, 2, 10)))).containsExactly(1L);
  }

  @Test
  void latestBeforeIncludesFromSeqAndExcludesBeforeSeq() {
    storeGappyHistory();

    assertThat(seqs(done(repository.latestBefore(chat, 3, 9, 10)))).containsExactly(3L, 5L, 8L);
    assertThat(seqs(done(repository.latestBefore(chat, 4, 9, 10)))).containsExactly(5L, 8L);
    assertThat(seqs(done(repository.latestBefore(chat, 8, 100, 10)))).containsExactly(8L, 9L, 12L);
  }

  @Test
  void latestBeforeOfAnEmptyRangeIsEmpty() {
    storeGappyHistory();

    assertThat(done(repository.latestBefore(chat, 5, 5, 10))).isEmpty();
    assertThat(done(repository.latestBefore(chat, 9, 3, 10))).isEmpty();
    assertThat(done(repository.latestBefore(chat, 6, 8, 10))).isEmpty();
    assertThat(done(repository.latestBefore(chat, 13, 100, 10))).isEmpty();
  }

  @Test
  void earliestAfterAnswersTheEarliestMessagesAboveTheBoundOldestFirst() {
    List<Message> stored = storeGappyHistory();

    assertThat(seqs(done(repository.earliestAfter(chat, 3, 2)))).containsExactly(5L, 8L);
    assertThat(seqs(done(repository.earliestAfter(chat, 4, 2)))).containsExactly(5L, 8L);
    assertThat(seqs(done(repository.earliestAfter(chat, 9, 10)))).containsExactly(12L);
    assertThat(done(repository.earliestAfter(chat, 0, 100))).containsExactlyElementsOf(stored);
    assertThat(done(repository.earliestAfter(chat, 12, 10))).isEmpty();
  }

  @Test
  void pagesReadOneChatOnly() {
    storeGappyHistory();
    Message elsewhere = messages.message(otherChat, 4, ALICE, at(4));
    done(repository.insert(elsewhere));

    assertThat(done(repository.earliestAfter(otherChat, 0, 10))).containsExactly(elsewhere);
    assertThat(done(repository.latestBefore(otherChat, 1, 100, 10))).containsExactly(elsewhere);
    assertThat(seqs(done(repository.latestBefore(chat, 1, 6, 10)))).containsExactly(1L, 2L, 3L, 5L);
    assertThat(done(repository.earliestAfter(ids.newChatId(), 0, 10))).isEmpty();
  }

  @Test
  void pagingBackwardsMeetsEveryMessageOnceInOrder() {
    List<Message> stored = storeLongGappyHistory();

    List<Message> seen = new ArrayList<>();
    long before = Long.MAX_VALUE;
    for (int pages = 0; pages < 50; pages++) {
      List<Message> page = done(repository.latestBefore(chat, 1, before, 4));
      assertThat(page).hasSizeLessThanOrEqualTo(4);
      if (page.isEmpty()) {
        break;
      }
      assertThat(seqs(page)).isSorted();
      List<Message> reversed = new ArrayList<>(page);
      Collections.reverse(reversed);
      seen.addAll(reversed);
      before = page.get(0).seq();
    }
    Collections.reverse(seen);

    assertThat(seen).containsExactlyElementsOf(stored);
  }

  @Test
  void pagingForwardsMeetsEveryMessageOnceInOrder() {
    List<Message> stored = storeLongGappyHistory();

    List<Message> seen = new ArrayList<>();
    long after = 0;
    for (int pages = 0; pages < 50; pages++) {
      List<Message> page = done(repository.earliestAfter(chat, after, 4));
      assertThat(page).hasSizeLessThanOrEqualTo(4);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      after = page.get(page.size() - 1).seq();
    }

    assertThat(seen).containsExactlyElementsOf(stored);
  }

  // ---- counting

  @Test
  void countFromCountsOneSendersMessagesAfterTheMark() {
    for (long seq : GAPPY_SEQS) {
      done(repository.insert(messages.message(chat, seq, seq % 2 == 0 ? BOB : ALICE, at(seq))));
    }
    done(repository.insert(messages.message(otherChat, 20, ALICE, at(20))));

    // Alice sent 1, 3, 5, 9; Bob sent 2, 8, 12.
    assertThat(done(repository.countFrom(chat, ALICE, 0))).isEqualTo(4);
    assertThat(done(repository.countFrom(chat, ALICE, 3))).isEqualTo(2);
    assertThat(done(repository.countFrom(chat, BOB, 2))).isEqualTo(2);
    assertThat(done(repository.countFrom(chat, BOB, 12))).isZero();
    assertThat(done(repository.countFrom(chat, UserId.of("stranger"), 0))).isZero();
    assertThat(done(repository.countFrom(ids.newChatId(), ALICE, 0))).isZero();
  }

  @Test
  void systemEntriesAndMentionsComeBackAsStored() {
    List<Message> stored =
        List.of(
            system(1, SystemEvent.created(ALICE, "Climbing \uD83E\uDDD7", List.of(BOB, CAROL))),
            system(2, SystemEvent.added(BOB, List.of(UserId.of("dave"), UserId.of("erin")))),
            system(3, SystemEvent.roleChanged(ALICE, BOB, GroupRole.ADMIN)),
            system(4, SystemEvent.left(ALICE, Optional.of(BOB))),
            system(5, SystemEvent.left(CAROL, Optional.empty())),
            system(
                6,
                SystemEvent.updated(BOB, List.of("name", "onlyAdminsSend"), Optional.of("Crag"))),
            new NewMessage(
                    ids.newMessageId(),
                    CAROL,
                    MessageText.of("@alice @bob see you there"),
                    at(7),
                    Optional.of(ClientMessageId.of("c-7")),
                    Optional.empty(),
                    List.of(ALICE, BOB))
                .at(chat, 7),
            messages.message(chat, 8, BOB, at(8)));

    for (Message message : stored) {
      assertThat(done(repository.insert(message)).created()).isTrue();
    }

    for (Message message : stored) {
      assertThat(done(repository.findById(message.id()))).contains(message);
    }
    assertThat(done(repository.earliestAfter(chat, 0, 20))).containsExactlyElementsOf(stored);
    assertThat(done(repository.latestBefore(chat, 1, 100, 20))).containsExactlyElementsOf(stored);
    assertThat(done(repository.findByClientMessageId(chat, CAROL, ClientMessageId.of("c-7"))))
        .contains(stored.get(6));
  }

  @Test
  void callEntriesComeBackAsStoredWithEveryOutcome() {
    List<Message> stored = new ArrayList<>();
    long seq = 1;
    for (CallOutcome outcome : CallOutcome.values()) {
      CallEntry entry =
          new CallEntry(
              CallId.of("call_" + outcome.wire() + "-1"),
              seq % 2 == 0 ? CallType.AUDIO : CallType.VIDEO,
              outcome,
              outcome == CallOutcome.COMPLETED ? 754 : 0,
              seq % 2 == 0 ? ALICE : BOB,
              seq % 2 == 0 ? BOB : ALICE);
      stored.add(
          new NewMessage(
                  ids.newMessageId(),
                  entry.caller(),
                  MessageText.NONE,
                  at(seq),
                  Optional.of(ClientMessageId.of("call:" + entry.callId().value())),
                  Optional.of(SystemEvent.call(entry)),
                  List.of())
              .at(chat, seq));
      seq++;
    }

    for (Message message : stored) {
      assertThat(done(repository.insert(message)).created()).isTrue();
    }

    for (Message message : stored) {
      assertThat(done(repository.findById(message.id()))).contains(message);
    }
    assertThat(done(repository.earliestAfter(chat, 0, 20))).containsExactlyElementsOf(stored);
    Message completed = stored.get(0);
    assertThat(
            done(repository.findById(completed.id())).orElseThrow().system().orElseThrow().call())
        .map(CallEntry::durationSeconds)
        .contains(754L);
    // Written once per call: a second end of the same call finds the first entry.
    Message again =
        new NewMessage(
                ids.newMessageId(),
                completed.sender(),
                MessageText.NONE,
                at(20),
                completed.clientMessageId(),
                completed.system(),
                List.of())
            .at(chat, 20);
    MessageRepository.Stored second = done(repository.insert(again));
    assertThat(second.created()).isFalse();
    assertThat(second.message()).isEqualTo(completed);
  }

  @Test
  void countUnreadCountsOthersMessagesInTheRangeButNoSystemEntries() {
    // 1 alice, 2 bob, 3 system by alice, 4 carol, 5 bob, 6 system by bob, 7 alice, (8 missing), 9
    // bob
    done(repository.insert(messages.message(chat, 1, ALICE, at(1))));
    done(repository.insert(messages.message(chat, 2, BOB, at(2))));
    done(repository.insert(system(3, SystemEvent.added(ALICE, List.of(CAROL)))));
    done(repository.insert(messages.message(chat, 4, CAROL, at(4))));
    done(repository.insert(messages.message(chat, 5, BOB, at(5))));
    done(repository.insert(system(6, SystemEvent.removed(BOB, CAROL))));
    done(repository.insert(messages.message(chat, 7, ALICE, at(7))));
    done(repository.insert(messages.message(chat, 9, BOB, at(9))));
    done(repository.insert(messages.message(otherChat, 10, BOB, at(10))));

    assertThat(done(repository.countUnread(chat, ALICE, 0, 9, 999))).isEqualTo(4);
    assertThat(done(repository.countUnread(chat, BOB, 0, 9, 999))).isEqualTo(3);
    assertThat(done(repository.countUnread(chat, CAROL, 0, 9, 999))).isEqualTo(5);
    assertThat(done(repository.countUnread(chat, UserId.of("stranger"), 0, 100, 999))).isEqualTo(6);
    // The lower bound is excluded, the upper one included.
    assertThat(done(repository.countUnread(chat, ALICE, 2, 5, 999))).isEqualTo(2);
    assertThat(done(repository.countUnread(chat, ALICE, 4, 9, 999))).isEqualTo(2);
    assertThat(done(repository.countUnread(chat, ALICE, 0, 8, 999))).isEqualTo(3);
  }

  @Test
  void countUnreadOfAnEmptyRangeOrAnUnknownChatIsZero() {
    for (long seq = 1; seq <= 5; seq++) {
      done(repository.insert(messages.message(chat, seq, BOB, at(seq))));
    }

    assertThat(done(repository.countUnread(chat, ALICE, 5, 5, 999))).isZero();
    assertThat(done(repository.countUnread(chat, ALICE, 4, 2, 999))).isZero();
    assertThat(done(repository.countUnread(chat, ALICE, 5, 100, 999))).isZero();
    assertThat(done(repository.countUnread(ids.newChatId(), ALICE, 0, 100, 999))).isZero();
  }

  @Test
  void countUnreadCountsUpToTheCapOverShortAndUnboundedRanges() {
    for (long seq = 1; seq <= 12; seq++) {
      done(repository.insert(messages.message(chat, seq, seq % 4 == 0 ? ALICE : BOB, at(seq))));
    }

    // Bob's are 9 of the 12.
    assertThat(done(repository.countUnread(chat, ALICE, 0, 12, 999))).isEqualTo(9);
    assertThat(done(repository.countUnread(chat, ALICE, 0, 12, 5))).isEqualTo(5);
    assertThat(done(repository.countUnread(chat, ALICE, 0, Long.MAX_VALUE, 999))).isEqualTo(9);
    assertThat(done(repository.countUnread(chat, ALICE, 0, Long.MAX_VALUE, 4))).isEqualTo(4);
    assertThat(done(repository.countUnread(chat, ALICE, 3, Long.MAX_VALUE, 999))).isEqualTo(6);
    assertThat(done(repository.countUnread(chat, ALICE, 0, 12, 9))).isEqualTo(9);
  }

  // ---- quotes, forwards and revisions

  @Test
  void aQuoteAndAForwardComeBackAsStored() {
    Message quoted = messages.message(chat, 1, BOB, at(1));
    Message answer =
        new NewMessage(
                ids.newMessageId(),
                ALICE,
                MessageText.of("forwarded, and answering"),
                at(2),
                Optional.of(ClientMessageId.of("c-2")),
                Optional.empty(),
                List.of(BOB),
                Optional.of(quoted.id()),
                true)
            .at(chat, 2);
    done(repository.insert(quoted));
    done(repository.insert(answer));

    assertThat(done(repository.findById(answer.id()))).contains(answer);
    assertThat(done(repository.earliestAfter(chat, 0, 10))).containsExactly(quoted, answer);
  }

  @Test
  void aRevisionReplacesTheMessageAtItsPlace() {
    Message original = text(1, ALICE, "first take", at(1), "c-1");
    Message next = messages.message(chat, 2, BOB, at(2));
    done(repository.insert(original));
    done(repository.insert(next));
    Message edited = original.edited(MessageText.of("second take"), at(5), 1);

    done(repository.revise(edited));

    assertThat(done(repository.findById(original.id()))).contains(edited);
    assertThat(done(repository.earliestAfter(chat, 0, 10))).containsExactly(edited, next);
    assertThat(done(repository.latestBefore(chat, 1, 100, 10))).containsExactly(edited, next);
    assertThat(done(repository.findByClientMessageId(chat, ALICE, ClientMessageId.of("c-1"))))
        .contains(edited);
  }

  @Test
  void everyPartOfARevisionComesBackAsStored() {
    Message quoted = messages.message(chat, 1, BOB, at(1));
    Message original =
        new NewMessage(
                ids.newMessageId(),
                ALICE,
                MessageText.of("@bob see the quote"),
                at(2),
                Optional.empty(),
                Optional.empty(),
                List.of(BOB),
                Optional.of(quoted.id()),
                true)
            .at(chat, 2);
    done(repository.insert(quoted));
    done(repository.insert(original));
    Message revised =
        original
            .edited(
                MessageText.of("@bob see the quote, caf\u00e9 \uD83D\uDE00"),
                Times.atMillis(2_345),
                1)
            .withReactions(List.of(new Reaction(THUMBS_UP, 2), new Reaction(HEART, 1)), 2)
            .withPin(Optional.of(new Pin(CAROL, Times.atMillis(3_456))), 3)
            .hiddenFor(CAROL, 4)
            .hiddenFor(BOB, 5);

    done(repository.revise(revised));

    Message stored = done(repository.findById(original.id())).orElseThrow();
    assertThat(stored).isEqualTo(revised);
    assertThat(stored.revision().reactions())
        .as("counts keep the order in which each emoji first came")
        .containsExactly(new Reaction(THUMBS_UP, 2), new Reaction(HEART, 1));
  }

  @Test
  void aRevisionNeverGoesBackToAnOlderChange() {
    Message original = messages.message(chat, 1, ALICE, at(1));
    done(repository.insert(original));
    Message newer = original.edited(MessageText.of("newer"), at(3), 5);
    Message older = original.edited(MessageText.of("older"), at(2), 3);
    Message sameChange = original.edited(MessageText.of("same change"), at(4), 5);

    done(repository.revise(newer));
    done(repository.revise(older));
    done(repository.revise(sameChange));

    assertThat(done(repository.findById(original.id()))).contains(newer);
  }

  @Test
  void aTombstoneKeepsItsPlaceAndNoText() {
    Message quoted = messages.message(chat, 1, BOB, at(1));
    Message original =
        new NewMessage(
                ids.newMessageId(),
                ALICE,
                MessageText.of("@bob a secret"),
                at(2),
                Optional.of(ClientMessageId.of("c-2")),
                Optional.empty(),
                List.of(BOB),
                Optional.of(quoted.id()),
                false)
            .at(chat, 2)
            .withReactions(List.of(new Reaction(THUMBS_UP, 1)), 1)
            .withPin(Optional.of(new Pin(BOB, at(3))), 2);
    Message after = messages.message(chat, 3, BOB, at(4));
    done(repository.insert(quoted));
    done(repository.insert(original));
    done(repository.insert(after));
    Message tombstone = original.deletedForEveryone(at(5), 3);

    done(repository.revise(tombstone));

    Message stored = done(repository.findById(original.id())).orElseThrow();
    assertThat(stored).isEqualTo(tombstone);
    assertThat(stored.isDeleted()).isTrue();
    assertThat(stored.text().isEmpty()).isTrue();
    assertThat(stored.mentions()).isEmpty();
    assertThat(stored.replyTo()).isEmpty();
    assertThat(stored.seq()).isEqualTo(2);
    assertThat(done(repository.earliestAfter(chat, 0, 10)))
        .containsExactly(quoted, tombstone, after);
    assertThat(done(repository.pinned(chat, 10))).isEmpty();
  }

  @Test
  void findByIdsAnswersTheKnownMessagesOfAnyChat() {
    Message first = messages.message(chat, 1, ALICE, at(1));
    Message second = messages.message(chat, 2, BOB, at(2));
    Message third = messages.message(chat, 3, ALICE, at(3));
    Message elsewhere = messages.message(otherChat, 1, BOB, at(4));
    for (Message message : List.of(first, second, third, elsewhere)) {
      done(repository.insert(message));
    }
    Message edited = third.edited(MessageText.of("edited"), at(5), 1);
    done(repository.revise(edited));

    assertThat(
            done(
                repository.findByIds(
                    List.of(
                        edited.id(), first.id(), ids.newMessageId(), elsewhere.id(), first.id()))))
        .containsExactlyInAnyOrder(first, edited, elsewhere);
    assertThat(done(repository.findByIds(List.of()))).isEmpty();
    assertThat(done(repository.findByIds(List.of(ids.newMessageId())))).isEmpty();
  }

  @Test
  void revisedBetweenAnswersTheRevisionsInTheRangeLowestChangeFirst() {
    List<Message> stored = new ArrayList<>();
    for (long seq = 1; seq <= 6; seq++) {
      Message message = messages.message(chat, seq, seq % 2 == 0 ? BOB : ALICE, at(seq));
      done(repository.insert(message));
      stored.add(message);
    }
    Message elsewhere = messages.message(otherChat, 1, BOB, at(1));
    done(repository.insert(elsewhere));
    // Changes: seq 4 at 1, seq 2 at 2 then again at 4, seq 5 at 3, seq 1 at 5; 3 and 6 never.
    Message four = stored.get(3).edited(MessageText.of("four"), at(10), 1);
    Message twoFirst = stored.get(1).edited(MessageText.of("two"), at(11), 2);
    Message five = stored.get(4).withPin(Optional.of(new Pin(ALICE, at(12))), 3);
    Message two = twoFirst.deletedForEveryone(at(13), 4);
    Message one = stored.get(0).hiddenFor(BOB, 5);
    for (Message revised : List.of(four, twoFirst, five, two, one)) {
      done(repository.revise(revised));
    }
    done(repository.revise(elsewhere.edited(MessageText.of("elsewhere"), at(14), 2)));

    assertThat(done(repository.revisedBetween(chat, 0, 5, 10)))
        .containsExactly(four, five, two, one);
    assertThat(done(repository.revisedBetween(chat, 1, 4, 10))).containsExactly(five, two);
    assertThat(done(repository.revisedBetween(chat, 0, 5, 2))).containsExactly(four, five);
    assertThat(done(repository.revisedBetween(chat, 0, 3, 10))).containsExactly(four, five);
    assertThat(done(repository.revisedBetween(chat, 5, 100, 10))).isEmpty();
    assertThat(done(repository.revisedBetween(chat, 4, 4, 10))).isEmpty();
    assertThat(done(repository.revisedBetween(ids.newChatId(), 0, 100, 10))).isEmpty();
  }

  @Test
  void pinnedAnswersThePinnedMessagesLatestPinFirst() {
    List<Message> stored = new ArrayList<>();
    for (long seq = 1; seq <= 5; seq++) {
      Message message = messages.message(chat, seq, ALICE, at(seq));
      done(repository.insert(message));
      stored.add(message);
    }
    Message elsewhere = messages.message(otherChat, 1, BOB, at(1));
    done(repository.insert(elsewhere));
    Message one = stored.get(0).withPin(Optional.of(new Pin(ALICE, at(10))), 1);
    Message three = stored.get(2).withPin(Optional.of(new Pin(BOB, at(30))), 2);
    Message two = stored.get(1).withPin(Optional.of(new Pin(ALICE, at(20))), 3);
    Message four = stored.get(3).withPin(Optional.of(new Pin(BOB, at(40))), 4);
    Message unpinned = four.withPin(Optional.empty(), 5);
    for (Message revised : List.of(one, three, two, four, unpinned)) {
      done(repository.revise(revised));
    }
    done(repository.revise(elsewhere.withPin(Optional.of(new Pin(BOB, at(50))), 1)));

    assertThat(done(repository.pinned(chat, 10))).containsExactly(three, two, one);
    assertThat(done(repository.pinned(chat, 2))).containsExactly(three, two);
    assertThat(done(repository.pinned(ids.newChatId(), 10))).isEmpty();
  }

  // ---- search

  @Test
  void searchFindsTheMessagesWithEveryWordNewestFirst() {
    Message noon = text(1, ALICE, "Lunch at noon tomorrow", at(1));
    Message moved = text(2, BOB, "lunch moved", at(2));
    Message other = text(3, ALICE, "no food today", at(3));
    Message cancelled = text(4, BOB, "Tomorrow's LUNCH is cancelled!", at(4));
    storeAll(noon, moved, other, cancelled);

    assertThat(search(ALICE, "lunch tomorrow", everything())).containsExactly(cancelled, noon);
    assertThat(search(ALICE, "lunch", everything())).containsExactly(cancelled, moved, noon);
    assertThat(search(ALICE, "lunch dinner", everything())).isEmpty();
    assertThat(search(ALICE, "lun", everything()))
        .as("words match whole, not as prefixes")
        .isEmpty();
  }

  @Test
  void searchFoldsCaseAndAccents() {
    Message dessert = text(1, ALICE, "Cr\u00e8me Br\u00fbl\u00e9e tonight at the CAF\u00c9", at(1));
    Message plain = text(2, BOB, "creme brulee? at the cafe", at(2));
    storeAll(dessert, plain);

    assertThat(search(BOB, "CREME br\u00fbl\u00e9e", everything())).containsExactly(plain, dessert);
    assertThat(search(BOB, "Caf\u00e9", everything())).containsExactly(plain, dessert);
  }

  @Test
  void searchKeepsToTheScopesAndTheirSeqs() {
    List<Message> inChat = new ArrayList<>();
    for (long seq = 1; seq <= 6; seq++) {
      inChat.add(text(seq, ALICE, "ticket number " + seq, at(seq)));
    }
    Message elsewhere = text(otherChat, 1, BOB, "ticket elsewhere", at(10));
    Message unseen = text(ids.newChatId(), 1, BOB, "ticket nobody may see", at(11));
    inChat.forEach(this::storeAll);
    storeAll(elsewhere, unseen);

    assertThat(search(ALICE, "ticket", List.of(new SearchScope(chat, 2, 4))))
        .containsExactly(inChat.get(3), inChat.get(2), inChat.get(1));
    assertThat(
            search(
                ALICE,
                "ticket",
                List.of(
                    new SearchScope(chat, 5, Long.MAX_VALUE), new SearchScope(otherChat, 1, 1))))
        .containsExactly(elsewhere, inChat.get(5), inChat.get(4));
    assertThat(search(ALICE, "ticket", List.of(new SearchScope(otherChat, 2, 10)))).isEmpty();
    assertThat(search(ALICE, "ticket", List.of())).isEmpty();
  }

  @Test
  void searchLeavesOutTombstonesSystemEntriesAndWhatTheSearcherDeleted() {
    Message deleted = text(1, ALICE, "the picnic is off", at(1));
    Message hiddenForAlice = text(2, BOB, "picnic gossip", at(2));
    Message created = system(3, SystemEvent.created(ALICE, "Picnic", List.of(BOB)));
    Message renamed = text(4, BOB, "the barbecue is on", at(4));
    Message kept = text(5, BOB, "picnic at five", at(5));
    storeAll(deleted, hiddenForAlice, created, renamed, kept);
    done(repository.revise(deleted.deletedForEveryone(at(6), 1)));
    Message hidden = hiddenForAlice.hiddenFor(ALICE, 2);
    done(repository.revise(hidden));
    Message edited = renamed.edited(MessageText.of("the picnic is on"), at(7), 3);
    done(repository.revise(edited));

    assertThat(search(ALICE, "picnic", everything())).containsExactly(kept, edited);
    assertThat(search(BOB, "picnic", everything())).containsExactly(kept, edited, hidden);
    assertThat(search(BOB, "barbecue", everything()))
        .as("an edited message is found by its new words only")
        .isEmpty();
    assertThat(search(BOB, "off", everything())).isEmpty();
  }

  @Test
  void searchPagesNewestFirstWithoutGapsOrDuplicates() {
    List<Message> matching = new ArrayList<>();
    for (long seq = 1; seq <= 11; seq++) {
      // Pairs of messages share a time, so that pages cut through ties (broken by id).
      Message message =
          text(seq, seq % 2 == 0 ? BOB : ALICE, "report " + seq + " is ready", at(1 + seq / 2));
      storeAll(message);
      matching.add(message);
    }
    Message elsewhere = text(otherChat, 1, ALICE, "report elsewhere is ready", at(3));
    storeAll(elsewhere);
    matching.add(elsewhere);
    storeAll(text(12, BOB, "nothing to see", at(9)));
    List<SearchScope> scopes = List.of(all(chat), all(otherChat));
    List<Message> expected =
        matching.stream()
            .sorted(
                Comparator.comparing(Message::createdAt)
                    .thenComparing(m -> m.id().value())
                    .reversed())
            .toList();

    List<Message> paged = new ArrayList<>();
    Optional<SearchCursor> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<Message> page =
          done(repository.search(ALICE, SearchTerms.query("READY report"), scopes, after, 5));
      assertThat(page).hasSizeLessThanOrEqualTo(5);
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(page);
      Message last = page.get(page.size() - 1);
      after = Optional.of(new SearchCursor(last.createdAt(), last.id()));
    }

    assertThat(paged).containsExactlyElementsOf(expected);
  }

  private List<Message> search(UserId searcher, String query, List<SearchScope> scopes) {
    return done(
        repository.search(searcher, SearchTerms.query(query), scopes, Optional.empty(), 50));
  }

  /** Every seq of the test's chat. */
  private List<SearchScope> everything() {
    return List.of(all(chat));
  }

  private static SearchScope all(ChatId chat) {
    return new SearchScope(chat, 1, Long.MAX_VALUE);
  }

  private void storeAll(Message... stored) {
    for (Message message : stored) {
      assertThat(done(repository.insert(message)).created()).isTrue();
    }
  }

  private Message text(long seq, UserId sender, String text, Instant at) {
    return text(chat, seq, sender, text, at);
  }

  private Message text(ChatId in, long seq, UserId sender, String text, Instant at) {
    return messages.newMessage(sender, text, at).at(in, seq);
  }

  private Message text(long seq, UserId sender, String text, Instant at, String clientMessageId) {
    return messages.newMessage(sender, text, at, clientMessageId).at(chat, seq);
  }

  /** A system entry at {@code seq} of the test's chat. */
  private Message system(long seq, SystemEvent event) {
    return NewMessage.system(ids.newMessageId(), event, at(seq)).at(chat, seq);
  }

  private List<Message> storeGappyHistory() {
    return store(GAPPY_SEQS);
  }

  private List<Message> storeLongGappyHistory() {
    List<Long> seqs = new ArrayList<>();
    for (long seq = 1; seq <= 40; seq++) {
      if (seq % 7 != 0 && seq % 11 != 0) {
        seqs.add(seq);
      }
    }
    return store(seqs);
  }

  /** Stores messages at the given seqs, deliberately not in seq order. */
  private List<Message> store(List<Long> seqs) {
    List<Message> stored = new ArrayList<>();
    for (long seq : seqs) {
      stored.add(messages.message(chat, seq, seq % 3 == 0 ? BOB : ALICE, at(seq)));
    }
    List<Message> shuffled = new ArrayList<>(stored);
    Collections.reverse(shuffled);
    for (Message message : shuffled) {
      assertThat(done(repository.insert(message)).created()).isTrue();
    }
    return stored;
  }

  private static List<Long> seqs(List<Message> page) {
    return page.stream().map(Message::seq).toList();
  }
}
