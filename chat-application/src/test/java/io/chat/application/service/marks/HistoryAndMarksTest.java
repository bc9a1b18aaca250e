package io.chat.application.service.marks;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** History pages, read marks and clear marks. */
class HistoryAndMarksTest {
  private final InMemoryCore core =
      new InMemoryCore(ChatSettings.defaults(), 1_000, 1_000).withUsers(ALICE, BOB, CAROL);

  private List<Sent> conversation(int messages) {
    List<Sent> sent = new ArrayList<>();
    for (int i = 1; i <= messages; i++) {
      sent.add(i % 3 == 0 ? core.send(BOB, ALICE, "b" + i) : core.send(ALICE, BOB, "a" + i));
    }
    return sent;
  }

  private HistoryPage page(UserId me, UserId other, HistoryRange range) {
    return Await.done(core.services.readHistory().readHistory(me, other, range));
  }

  private static List<Long> seqs(HistoryPage page) {
    return page.messages().stream().map(MessageView::seq).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private static ErrorCode refusal(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  private long unreadOf(UserId me) {
    return Await.done(core.services.listChats().listChats(me, PageRequest.first(10)))
        .chats()
        .get(0)
        .unreadCount();
  }

  @Test
  void theLatestPageComesOldestFirstAndSaysWhetherMoreLieBefore() {
    conversation(7);

    HistoryPage latest = page(ALICE, BOB, HistoryRange.latest(3));
    assertThat(seqs(latest)).containsExactly(5L, 6L, 7L);
    assertThat(latest.hasMore()).isTrue();

    HistoryPage before = page(ALICE, BOB, HistoryRange.before(5, 3));
    assertThat(seqs(before)).containsExactly(2L, 3L, 4L);
    assertThat(before.hasMore()).isTrue();

    HistoryPage first = page(ALICE, BOB, HistoryRange.before(2, 3));
    assertThat(seqs(first)).containsExactly(1L);
    assertThat(first.hasMore()).isFalse();
  }

  @Test
  void afterResumesFromASeqForwards() {
    conversation(7);

    HistoryPage resumed = page(BOB, ALICE, HistoryRange.after(3, 3));
    assertThat(seqs(resumed)).containsExactly(4L, 5L, 6L);
    assertThat(resumed.hasMore()).isTrue();
    HistoryPage rest = page(BOB, ALICE, HistoryRange.after(6, 3));
    assertThat(seqs(rest)).containsExactly(7L);
    assertThat(rest.hasMore()).isFalse();
    assertThat(page(BOB, ALICE, HistoryRange.after(7, 3)).messages()).isEmpty();
  }

  @Test
  void aChatNotStartedHasEmptyHistoryAndIsNotCreatedByReading() {
    assertThat(page(ALICE, CAROL, HistoryRange.latest(10)).messages()).isEmpty();
    assertThat(Await.done(core.chats.partnersOf(ALICE))).isEmpty();
  }

  @Test
  void historyOfAnUnknownUserIsNotFound() {
    assertThat(
            refusal(
                core.services
                    .readHistory()
                    .readHistory(ALICE, UserId.of("ghost"), HistoryRange.latest(5))))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void rangesOutsideTheRulesAreRefused() {
    assertThatThrownBy(() -> HistoryRange.latest(0)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> HistoryRange.latest(201)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> HistoryRange.before(0, 10))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> HistoryRange.after(-1, 10))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(
            () -> new HistoryRange(java.util.Optional.of(5L), java.util.Optional.of(2L), 10))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void seenIsFromTheReadersPointOfView() {
    conversation(3); // 1,2 from Alice; 3 from Bob
    Await.done(core.services.markAllSeen().markAllSeen(BOB, ALICE));

    assertThat(page(ALICE, BOB, HistoryRange.latest(10)).messages())
        .extracting(MessageView::seen)
        .as("Alice's own messages were read by Bob; Bob's she has not read")
        .containsExactly(true, true, false);
    assertThat(page(BOB, ALICE, HistoryRange.latest(10)).messages())
        .extracting(MessageView::seen)
        .as("Bob read Alice's; his own is unread by Alice")
        .containsExactly(true, true, false);
  }

  @Test
  void markingOneMessageLeavesUnreadOnlyWhatCameAfterIt() {
    List<Sent> sent = conversation(6); // Alice: 1,2,4,5  Bob: 3,6
    assertThat(unreadOf(BOB)).isEqualTo(4);

    long upTo =
        Await.done(core.services.markSeen().markSeen(BOB, ALICE, sent.get(1).message().id()))
            .seenUpTo();

    assertThat(upTo).isEqualTo(2);
    assertThat(unreadOf(BOB)).isEqualTo(2);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Seen.class))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.from()).isEqualTo(BOB);
              assertThat(s.seq()).isEqualTo(2);
              assertThat(s.messageId()).isEqualTo(sent.get(1).message().id());
            });
    assertThat(core.events.receivedBy(BOB, ChatEvent.ChatUpdate.class))
        .last()
        .satisfies(u -> assertThat(u.unreadCount()).hasValue(2));
  }

  @Test
  void aReadMarkNeverMovesBackwardsAndOwnMessagesChangeNothing() {
    List<Sent> sent = conversation(6);
    Await.done(core.services.markSeen().markSeen(BOB, ALICE, sent.get(4).message().id()));
    core.events.clear();

    long back =
        Await.done(core.services.markSeen().markSeen(BOB, ALICE, sent.get(0).message().id()))
            .seenUpTo();
    long own =
        Await.done(core.services.markSeen().markSeen(BOB, ALICE, sent.get(5).message().id()))
            .seenUpTo();

    assertThat(back).isEqualTo(5);
    assertThat(own).as("seq 6 is Bob's own").isEqualTo(5);
    assertThat(core.events.deliveries()).isEmpty();
  }

  @Test
  void markAllSeenMovesToTheLastMessageAndTellsTheOtherSideOnce() {
    conversation(4);

    assertThat(Await.done(core.services.markAllSeen().markAllSeen(BOB, ALICE)).seenUpTo())
        .isEqualTo(4);
    assertThat(Await.done(core.services.markAllSeen().markAllSeen(BOB, ALICE)).seenUpTo())
        .isEqualTo(4);

    assertThat(unreadOf(BOB)).isZero();
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Seen.class)).hasSize(1);
  }

  @Test
  void concurrentMarksFromTwoDevicesEndAtTheFurthest() {
    List<Sent> sent = conversation(30);
    List<CompletableFuture<Long>> marks = new ArrayList<>();
    for (Sent s : sent) {
      if (!s.message().sender().equals(BOB)) {
        marks.add(
            CompletableFuture.supplyAsync(
                () ->
                    Await.done(core.services.markSeen().markSeen(BOB, ALICE, s.message().id()))
                        .seenUpTo()));
      }
    }
    marks.forEach(CompletableFuture::join);

    assertThat(Await.done(core.services.markAllSeen().markAllSeen(BOB, ALICE)).seenUpTo())
        .isEqualTo(30);
    List<Long> seenSeqs =
        core.events.receivedBy(ALICE, ChatEvent.Seen.class).stream()
            .map(ChatEvent.Seen::seq)
            .toList();
    assertThat(seenSeqs)
        .as("each relayed mark is further than the one before")
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void markingAMessageOfAnotherChatOrAnUnknownOneIsNotFound() {
    Sent elsewhere = core.send(CAROL, ALICE, "other chat");
    conversation(2);

    assertThat(refusal(core.services.markSeen().markSeen(BOB, ALICE, elsewhere.message().id())))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(
            refusal(
                core.services
                    .markSeen()
                    .markSeen(BOB, ALICE, MessageId.of("0123456789abcdef01234567"))))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(core.services.markAllSeen().markAllSeen(CAROL, BOB)))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void clearingHidesHistoryForMeOnlyAndNewMessagesShowAgain() {
    conversation(5);

    long cleared = Await.done(core.services.clearHistory().clearHistory(ALICE, BOB)).clearedUpTo();
    core.send(BOB, ALICE, "after the clear");

    assertThat(cleared).isEqualTo(5);
    assertThat(seqs(page(ALICE, BOB, HistoryRange.latest(50)))).containsExactly(6L);
    assertThat(seqs(page(ALICE, BOB, HistoryRange.before(6, 50)))).isEmpty();
    assertThat(seqs(page(ALICE, BOB, HistoryRange.after(0, 50)))).containsExactly(6L);
    assertThat(seqs(page(BOB, ALICE, HistoryRange.latest(50)))).isEqualTo(range(1, 6));
    assertThat(core.events.receivedBy(ALICE, ChatEvent.ChatCleared.class))
        .singleElement()
        .satisfies(c -> assertThat(c.clearedUpTo()).isEqualTo(5));
    assertThat(core.events.receivedBy(BOB, ChatEvent.ChatCleared.class)).isEmpty();
  }

  @Test
  void clearingResetsMyUnreadAndHidesTheLastMessageInMyListButDoesNotReadForTheOtherSide() {
    conversation(2);
    Await.done(core.services.clearHistory().clearHistory(BOB, ALICE));

    var bobsChat =
        Await.done(core.services.listChats().listChats(BOB, PageRequest.first(10))).chats().get(0);
    assertThat(bobsChat.unreadCount()).isZero();
    assertThat(bobsChat.lastMessage()).isEmpty();
    assertThat(page(ALICE, BOB, HistoryRange.latest(10)).messages())
        .extracting(MessageView::seen)
        .containsExactly(false, false);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Seen.class)).isEmpty();
  }
}
