package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.push.FakeExpo.Reply;
import io.chat.adapter.push.ReceiptTracker.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The receipt tracker on its own: tickets handed to it directly, its clock and timer and its worker
 * stepped by the test, and the fake Expo answering its getReceipts requests.
 */
class ReceiptTrackerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  // Checks gather what comes due within a tenth of the delay: a timer waits 10 s past the oldest.
  private static final Duration DELAY = Duration.ofSeconds(100);
  private static final String PHONE = "ExponentPushToken[phone0000000000000000]";
  private static final String TABLET = "ExponentPushToken[tablet000000000000000]";
  private static final String WATCH = "ExponentPushToken[watch0000000000000000]";

  private final ManualScheduler clock = new ManualScheduler();
  private final StepExecutor worker = new StepExecutor();
  private final ExpoCounters counters = new ExpoCounters();
  private final List<String> forgotten = new CopyOnWriteArrayList<>();

  private ReceiptTracker tracker(FakeExpo expo, int checks) {
    ExpoPushConfig config =
        expo.config().receiptDelay(DELAY).receiptCapacity(100).receiptChecks(checks).build();
    return new ReceiptTracker(
        config, new ExpoClient(config, clock, worker), clock, worker, forgotten::add, counters);
  }

  /** Moves the clock on to this many seconds after the test began. */
  private void advanceTo(long seconds) {
    clock.advance(Duration.ofSeconds(seconds).minusNanos(clock.nanoTime()));
  }

  /** Moves the clock on to the timer, and runs the check it hands to the worker. */
  private void timerFiresAt(long seconds) throws InterruptedException {
    advanceTo(seconds);
    worker.runNext(WAIT);
  }

  /** Waits for the check that is out to settle, and runs the next check it hands over. */
  private void checkSettles() throws InterruptedException {
    worker.runNext(WAIT);
  }

  /** Holds receipts answers until released; then each says DeviceNotRegistered. */
  private static CountDownLatch deadAfterRelease(FakeExpo expo) {
    CountDownLatch release = new CountDownLatch(1);
    expo.answeringReceipts(
        request -> {
          try {
            release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return FakeExpo.receipts(
              request, id -> Optional.of(FakeExpo.receiptError("DeviceNotRegistered", PHONE)));
        });
    return release;
  }

  @Test
  void oneCheckGathersTheTicketsDueWithinTheWindowAndTheTimerWaitsForTheNext() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      ReceiptTracker tracker = tracker(expo, 3);

      tracker.remember(List.of(new Ticket("a", PHONE))); // due at 100 s
      advanceTo(5);
      tracker.remember(List.of(new Ticket("b", TABLET))); // due at 105 s
      advanceTo(25);
      tracker.remember(List.of(new Ticket("c", WATCH))); // due at 125 s
      assertThat(clock.timersSet()).isEqualTo(1);

      advanceTo(109);
      assertThat(clock.timersSet()).isEqualTo(1); // a is due, but the others may come due too
      timerFiresAt(110);
      assertThat(expo.nextReceipts(WAIT).ids()).containsExactly("a", "b");
      checkSettles();
      assertThat(tracker.pending()).isEqualTo(1);
      assertThat(clock.timersSet()).isEqualTo(1);

      timerFiresAt(135);
      assertThat(expo.nextReceipts(WAIT).ids()).containsExactly("c");
      checkSettles();
      assertThat(clock.timersSet()).isZero();
      assertThat(counters.receiptsOk).hasValue(3);
    }
  }

  @Test
  void aFailedCheckCountsAsOneAskThenItsTicketsAreGivenUp() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answeringReceipts(request -> Reply.status(400));
      ReceiptTracker tracker = tracker(expo, 2);

      tracker.remember(List.of(new Ticket("a", PHONE)));
      timerFiresAt(110);
      expo.nextReceipts(WAIT);
      checkSettles(); // asked again 100 s after the failure
      assertThat(tracker.pending()).isEqualTo(1);
      assertThat(counters.receiptsGivenUp).hasValue(0);

      timerFiresAt(220);
      assertThat(expo.nextReceipts(WAIT).ids()).containsExactly("a");
      checkSettles();
      assertThat(tracker.pending()).isZero();
      assertThat(clock.timersSet()).isZero();
      assertThat(counters.receiptsGivenUp).hasValue(1);
      assertThat(counters.receiptRetries).hasValue(0);
    }
  }

  @Test
  void closeDropsWhatIsNotYetDueButAwaitsTheCheckOutAndActsOnIt() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      CountDownLatch release = deadAfterRelease(expo);
      ReceiptTracker tracker = tracker(expo, 3);
      tracker.remember(List.of(new Ticket("a", PHONE)));
      advanceTo(50);
      tracker.remember(List.of(new Ticket("b", TABLET)));
      timerFiresAt(110);
      expo.nextReceipts(WAIT);

      tracker.close();
      assertThat(counters.receiptsDropped).hasValue(1);
      assertThat(tracker.idle()).isNotDone();
      release.countDown();

      tracker.idle().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(forgotten).containsExactly(PHONE);
      assertThat(tracker.pending()).isZero();
    }
  }

  @Test
  void anAnswerThatComesAfterCloseGaveUpIsDroppedNotActedOn() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      CountDownLatch release = deadAfterRelease(expo);
      ReceiptTracker tracker = tracker(expo, 3);
      tracker.remember(List.of(new Ticket("a", PHONE), new Ticket("b", TABLET)));
      timerFiresAt(110);
      expo.nextReceipts(WAIT);

      tracker.close();
      tracker.abandon();
      release.countDown();

      tracker.idle().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(forgotten).isEmpty();
      assertThat(counters.receiptsDropped).hasValue(2);
      assertThat(counters.receiptErrors).hasValue(0);
    }
  }

  @Test
  void ticketsHandedOverAfterCloseAreDroppedAndCounted() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      ReceiptTracker tracker = tracker(expo, 3);

      tracker.close();
      tracker.remember(List.of(new Ticket("a", PHONE), new Ticket("b", TABLET)));

      assertThat(tracker.idle()).isDone();
      assertThat(tracker.pending()).isZero();
      assertThat(clock.timersSet()).isZero();
      assertThat(counters.receiptsDropped).hasValue(2);
    }
  }
}
