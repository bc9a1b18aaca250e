package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat.adapter.push.FakeExpo.Reply;
import io.chat.adapter.push.ReceiptTracker.Ticket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sender on its own: messages offered directly, the fake Expo answering, and what it passes on
 * (tickets to remember, tokens to forget) recorded in the order it does.
 */
class ExpoSenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PHONE = "ExponentPushToken[phone0000000000000000]";
  private static final String TABLET = "ExponentPushToken[tablet000000000000000]";
  private static final String WATCH = "ExponentPushToken[watch0000000000000000]";

  private final ExpoCounters counters = new ExpoCounters();
  // Lists of tickets it remembers, and tokens it forgets, in one line.
  private final List<Object> told = new CopyOnWriteArrayList<>();

  /** A sender whose worker and retries run on the thread that hands them over. */
  private ExpoSender sender(ExpoPushConfig config, Scheduler scheduler) {
    return new ExpoSender(
        config,
        new ExpoClient(config, scheduler, Runnable::run),
        Runnable::run,
        told::add,
        told::add,
        counters);
  }

  private static List<ExpoWire.Message> messages(String... tokens) {
    return Arrays.stream(tokens)
        .map(token -> new ExpoWire.Message(token, "Alice", "Hello", "chat", "alice"))
        .toList();
  }

  private static Reply tickets(String json) {
    try {
      return Reply.json(200, JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one batch to an Expo that answers with these tickets, and waits for it to settle. */
  private void sendOneBatch(String tickets, String... tokens) throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(request -> tickets(tickets));
      ExpoSender sender = sender(expo.config().build(), Scheduler.SYSTEM);
      sender.offer(messages(tokens));
      closeAndWait(sender);
    }
  }

  private static void closeAndWait(ExpoSender sender) throws Exception {
    sender.close();
    sender.idle().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void passesABatchsAcceptedTicketsOnBeforeItsDeadTokens() throws Exception {
    sendOneBatch(
        """
        {"data": [
          {"status": "ok", "id": "t-1"},
          {"status": "error", "details": {"error": "DeviceNotRegistered"}},
          {"status": "ok", "id": "t-3"}
        ]}
        """,
        PHONE,
        TABLET,
        WATCH);

    assertThat(told)
        .containsExactly(List.of(new Ticket("t-1", PHONE), new Ticket("t-3", WATCH)), TABLET);
    assertThat(counters.delivered).hasValue(2);
    assertThat(counters.failed).hasValue(1);
  }

  @Test
  void aDeadTokenTheTicketNamesCountsOnlyIfThisBatchSentIt() throws Exception {
    sendOneBatch(
        """
        {"data": [
          {"status": "ok", "id": "t-1"},
          {"status": "error", "details": {"error": "DeviceNotRegistered",
            "expoPushToken": "ExponentPushToken[someone-elses]"}}
        ]}
        """,
        PHONE,
        TABLET);

    assertThat(told).containsExactly(List.of(new Ticket("t-1", PHONE)), TABLET);
  }

  @Test
  void messagesTheAnswerHasNoTicketForCountAsFailed() throws Exception {
    sendOneBatch("{\"data\": [{\"status\": \"ok\", \"id\": \"t-1\"}]}", PHONE, TABLET, WATCH);

    assertThat(counters.delivered).hasValue(1);
    assertThat(counters.failed).hasValue(2);
    assertThat(told).containsExactly(List.of(new Ticket("t-1", PHONE)));
  }

  @Test
  void atMostMaxInFlightRequestsAreOutAndOneThatSettlesLetsTheNextGo() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      Semaphore answers = new Semaphore(0);
      expo.answering(
          request -> {
            try {
              answers.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return FakeExpo.allAccepted(request);
          });
      ExpoSender sender =
          sender(expo.config().batchSize(1).maxInFlight(2).build(), Scheduler.SYSTEM);

      sender.offer(messages(PHONE, TABLET, WATCH));
      List<String> first =
          List.of(expo.next(WAIT).tokens().get(0), expo.next(WAIT).tokens().get(0));
      assertThat(sender.inFlight()).isEqualTo(2);
      assertThat(sender.queued()).isEqualTo(1);

      answers.release();
      String third = expo.next(WAIT).tokens().get(0);
      answers.release(2);
      closeAndWait(sender);

      assertThat(first).containsExactlyInAnyOrder(PHONE, TABLET);
      assertThat(third).isEqualTo(WATCH);
      assertThat(counters.delivered).hasValue(3);
    }
  }

  @Test
  void abandonDropsWhatIsQueuedAndTheRetryThatComesDueAfter() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(request -> Reply.status(503));
      ManualScheduler clock = new ManualScheduler();
      ExpoSender sender = sender(expo.config().batchSize(1).maxInFlight(1).build(), clock);

      sender.offer(messages(PHONE, TABLET));
      expo.next(WAIT);
      clock.awaitTimer(WAIT); // the retry of the phone's batch, waiting
      sender.close();
      assertThat(sender.idle()).isNotDone();

      sender.abandon();
      assertThat(counters.dropped).hasValue(1);
      clock.advance(Duration.ofSeconds(2));

      assertThat(sender.idle()).isDone();
      assertThat(counters.dropped).hasValue(2);
      assertThat(counters.retries).hasValue(1);
      assertThat(counters.failed).hasValue(0);
      assertThat(sender.inFlight()).isZero();
    }
  }
}
