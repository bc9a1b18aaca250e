package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.push.FakeExpo.Received;
import io.chat.adapter.push.FakeExpo.Reply;
import io.chat.application.port.out.PushNotification;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Push receipts: the tickets' ids are remembered, asked for after the delay at the fake Expo's
 * getReceipts, and what the receipts say is acted on.
 */
class ExpoReceiptsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration DELAY = Duration.ofMillis(20);
  private static final String PHONE = "ExponentPushToken[phone0000000000000000]";
  private static final String TABLET = "ExponentPushToken[tablet000000000000000]";
  private static final String WATCH = "ExponentPushToken[watch0000000000000000]";
  private static final String DEAD = "ExponentPushToken[dead00000000000000000]";

  private static PushNotification notification(List<String> tokens) {
    return new PushNotification(
        UserId.of("bob"),
        tokens.stream().map(token -> PushToken.of(token, "ios")).toList(),
        "Alice Liddell",
        "Hello Bob",
        ChatId.of("65f0c0ffee0000000000abcd"),
        UserId.of("alice"));
  }

  private static PushNotification notification(String... tokens) {
    return notification(Arrays.asList(tokens));
  }

  private static String device(int i) {
    return "ExponentPushToken[device" + i + "]";
  }

  /** The ticket id the fake gives a token's message: the tests can tell whose receipt it is. */
  private static String ticketOf(String token) {
    return "ticket-of-" + token;
  }

  private static String tokenOf(String ticketId) {
    return ticketId.substring("ticket-of-".length());
  }

  /** Tickets named after their tokens; the DEAD token's is refused as DeviceNotRegistered. */
  private static Reply namedTickets(Received request) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode data = root.putArray("data");
    for (String token : request.tokens()) {
      if (token.equals(DEAD)) {
        data.addObject()
            .put("status", "error")
            .putObject("details")
            .put("error", "DeviceNotRegistered");
      } else {
        data.addObject().put("status", "ok").put("id", ticketOf(token));
      }
    }
    return Reply.json(200, root);
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("status", "ok");
  }

  private static ExpoPushConfig.Builder config(URI url, Duration delay, int capacity, int checks) {
    return FakeExpo.config(url).receiptDelay(delay).receiptCapacity(capacity).receiptChecks(checks);
  }

  private static void closeAndWait(ExpoPushNotifier notifier) throws Exception {
    notifier.close().toCompletableFuture().get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
  }

  /** Told when a token is forgotten; since tickets are remembered first, also a barrier. */
  private static final class Forgotten implements Consumer<String> {
    final List<String> tokens = new CopyOnWriteArrayList<>();
    final CountDownLatch first = new CountDownLatch(1);

    @Override
    public void accept(String token) {
      tokens.add(token);
      first.countDown();
    }

    void awaitFirst() throws InterruptedException {
      assertThat(first.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
  }

  @Test
  void aDeviceNotRegisteredReceiptForgetsThatTokenAndNoOther() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(ExpoReceiptsTest::namedTickets)
          .answeringReceipts(
              request ->
                  FakeExpo.receipts(
                      request,
                      id ->
                          Optional.of(
                              tokenOf(id).equals(TABLET)
                                  ? FakeExpo.receiptError("DeviceNotRegistered", TABLET)
                                  : ok())));
      Forgotten forgotten = new Forgotten();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              config(expo.url(), DELAY, 100, 3).accessToken("s3cret").build(), forgotten);

      notifier.notify(notification(PHONE, TABLET, WATCH));
      Received check = expo.nextReceipts(WAIT);
      closeAndWait(notifier); // waits for the answer to the check already out

      assertThat(check.method()).isEqualTo("POST");
      assertThat(check.path()).isEqualTo(FakeExpo.RECEIPTS_PATH);
      assertThat(check.headers().getFirst("Content-Type")).isEqualTo("application/json");
      assertThat(check.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
      assertThat(check.ids())
          .containsExactlyInAnyOrder(ticketOf(PHONE), ticketOf(TABLET), ticketOf(WATCH));
      assertThat(forgotten.tokens).containsExactly(TABLET);
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::receiptsOk,
              ExpoPushNotifier.Stats::receiptErrors,
              ExpoPushNotifier.Stats::tokensForgotten,
              ExpoPushNotifier.Stats::receiptsPending,
              ExpoPushNotifier.Stats::receiptsDropped)
          .containsExactly(2L, 1L, 1L, 0, 0L);
      assertThat(expo.drainedReceipts()).isEmpty();
    }
  }

  @Test
  void okReceiptsForgetNothing() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(ExpoReceiptsTest::namedTickets);
      Forgotten forgotten = new Forgotten();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(config(expo.url(), DELAY, 100, 3).build(), forgotten);

      notifier.notify(notification(PHONE, TABLET, WATCH));
      Received check = expo.nextReceipts(WAIT);
      closeAndWait(notifier);

      assertThat(check.ids()).hasSize(3);
      assertThat(forgotten.tokens).isEmpty();
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::receiptsOk,
              ExpoPushNotifier.Stats::receiptErrors,
              ExpoPushNotifier.Stats::tokensForgotten)
          .containsExactly(3L, 0L, 0L);
    }
  }

  @Test
  void asksForTwoThousandFiveHundredReceiptsInThreeRequestsOfAtMostOneThousand() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(ExpoReceiptsTest::namedTickets);
      GateExecutor worker = new GateExecutor();
      ManualScheduler clock = new ManualScheduler();
      Forgotten forgotten = new Forgotten();
      Duration delay = Duration.ofMinutes(15);
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              config(expo.url(), delay, 10_000, 3).queueCapacity(10_000).maxInFlight(1).build(),
              forgotten,
              worker,
              clock);
      List<String> devices = IntStream.range(0, 2_500).mapToObj(i -> device(i)).toList();
      devices.forEach(device -> notifier.notify(notification(device)));
      // Last in the queue, one request at a time: when it is forgotten, all tickets are in.
      notifier.notify(notification(DEAD));

      worker.open();
      forgotten.awaitFirst();
      assertThat(notifier.stats().receiptsPending()).isEqualTo(2_500);
      assertThat(expo.drainedReceipts()).isEmpty();

      clock.advance(delay.plus(delay.dividedBy(10)));
      List<Received> checks =
          List.of(expo.nextReceipts(WAIT), expo.nextReceipts(WAIT), expo.nextReceipts(WAIT));
      closeAndWait(notifier);

      assertThat(checks).extracting(check -> check.ids().size()).containsExactly(1000, 1000, 500);
      assertThat(checks.stream().flatMap(check -> check.ids().stream()))
          .containsExactlyInAnyOrderElementsOf(devices.stream().map(d -> ticketOf(d)).toList());
      assertThat(expo.drainedReceipts()).isEmpty();
      assertThat(notifier.stats().receiptsOk()).isEqualTo(2_500);
    }
  }

  @Test
  void anAbsentReceiptIsAskedForAgainThenGivenUp() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      AtomicInteger calls = new AtomicInteger();
      // The phone's receipt never comes; the tablet's comes at the second ask.
      expo.answering(ExpoReceiptsTest::namedTickets)
          .answeringReceipts(
              request -> {
                boolean second = calls.incrementAndGet() == 2;
                return FakeExpo.receipts(
                    request,
                    id ->
                        tokenOf(id).equals(TABLET) && second
                            ? Optional.of(FakeExpo.receiptError("DeviceNotRegistered", TABLET))
                            : Optional.empty());
              });
      Forgotten forgotten = new Forgotten();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(config(expo.url(), DELAY, 100, 3).build(), forgotten);

      notifier.notify(notification(PHONE, TABLET));
      List<Received> checks =
          List.of(expo.nextReceipts(WAIT), expo.nextReceipts(WAIT), expo.nextReceipts(WAIT));
      closeAndWait(notifier);

      assertThat(checks)
          .extracting(Received::ids)
          .containsExactly(
              List.of(ticketOf(PHONE), ticketOf(TABLET)),
              List.of(ticketOf(PHONE), ticketOf(TABLET)),
              List.of(ticketOf(PHONE)));
      assertThat(forgotten.tokens).containsExactly(TABLET);
      assertThat(expo.drainedReceipts()).isEmpty();
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::receiptsGivenUp,
              ExpoPushNotifier.Stats::receiptsDropped,
              ExpoPushNotifier.Stats::receiptsPending)
          .containsExactly(1L, 0L, 0);
    }
  }

  @Test
  void aGetReceiptsAnsweredWith429Or503IsRetriedWithBackoff() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      AtomicInteger calls = new AtomicInteger();
      expo.answering(ExpoReceiptsTest::namedTickets)
          .answeringReceipts(
              request ->
                  switch (calls.getAndIncrement()) {
                    case 0 -> new Reply(429, Map.of("Retry-After", "1"), new byte[0]);
                    case 1 -> Reply.status(503);
                    default ->
                        FakeExpo.receipts(
                            request,
                            id -> Optional.of(FakeExpo.receiptError("DeviceNotRegistered", PHONE)));
                  });
      Forgotten forgotten = new Forgotten();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(config(expo.url(), DELAY, 100, 1).build(), forgotten);

      notifier.notify(notification(PHONE));
      Received first = expo.nextReceipts(WAIT);
      Received second = expo.nextReceipts(WAIT);
      Received third = expo.nextReceipts(WAIT);
      closeAndWait(notifier);

      assertThat(List.of(second.ids(), third.ids())).containsOnly(List.of(ticketOf(PHONE)));
      assertThat(first.ids()).containsExactly(ticketOf(PHONE));
      assertThat(TimeUnit.NANOSECONDS.toMillis(second.arrivedNanos() - first.arrivedNanos()))
          .isGreaterThanOrEqualTo(1_000);
      assertThat(forgotten.tokens).containsExactly(PHONE);
      assertThat(notifier.stats())
          .extracting(ExpoPushNotifier.Stats::receiptRetries, ExpoPushNotifier.Stats::retries)
          .containsExactly(2L, 0L);
    }
  }

  @Test
  void rememberedTicketsStayWithinTheCapTheOldestDroppedAndCounted() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(ExpoReceiptsTest::namedTickets);
      GateExecutor worker = new GateExecutor();
      ManualScheduler clock = new ManualScheduler();
      Forgotten forgotten = new Forgotten();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(config(expo.url(), DELAY, 5, 3).build(), forgotten, worker, clock);
      List<String> devices = IntStream.range(0, 8).mapToObj(i -> device(i)).toList();
      notifier.notify(notification(Stream.concat(devices.stream(), Stream.of(DEAD)).toList()));

      worker.open();
      forgotten.awaitFirst();
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::receiptsPending, ExpoPushNotifier.Stats::receiptsDropped)
          .containsExactly(5, 3L);

      clock.advance(DELAY.plus(DELAY.dividedBy(10)));
      Received check = expo.nextReceipts(WAIT);
      closeAndWait(notifier);

      assertThat(check.ids())
          .containsExactlyElementsOf(devices.subList(3, 8).stream().map(d -> ticketOf(d)).toList());
    }
  }

  @Test
  void closeDropsTheReceiptChecksNotYetDueAndDoesNotWaitForThem() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(ExpoReceiptsTest::namedTickets);
      Forgotten forgotten = new Forgotten();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              config(expo.url(), Duration.ofMinutes(15), 100, 3).build(), forgotten);

      notifier.notify(notification(PHONE, TABLET, DEAD));
      forgotten.awaitFirst();
      assertThat(notifier.stats().receiptsPending()).isEqualTo(2);
      closeAndWait(notifier);

      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::receiptsPending, ExpoPushNotifier.Stats::receiptsDropped)
          .containsExactly(0, 2L);
      assertThat(expo.drainedReceipts()).isEmpty();
    }
  }

  @Test
  void aCapacityOfZeroTurnsReceiptChecksOff() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(ExpoReceiptsTest::namedTickets);
      GateExecutor worker = new GateExecutor();
      ManualScheduler clock = new ManualScheduler();
      Forgotten forgotten = new Forgotten();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(config(expo.url(), DELAY, 0, 3).build(), forgotten, worker, clock);

      notifier.notify(notification(PHONE, DEAD));
      worker.open();
      forgotten.awaitFirst();

      assertThat(clock.timersSet()).isZero();
      assertThat(notifier.stats().receiptsPending()).isZero();
      closeAndWait(notifier);
      assertThat(expo.drainedReceipts()).isEmpty();
    }
  }

  @Test
  void logsReceiptErrorsByCodeWithoutTheirTextOrWholeTokens() throws Exception {
    CapturedLogs logs = CapturedLogs.of(ExpoPushNotifier.class);
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(ExpoReceiptsTest::namedTickets)
          .answeringReceipts(
              request ->
                  FakeExpo.receipts(
                      request,
                      id ->
                          Optional.of(
                              tokenOf(id).equals(PHONE)
                                  ? FakeExpo.receiptError("MessageTooBig", PHONE)
                                  : FakeExpo.receiptError("DeviceNotRegistered", TABLET))));
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(config(expo.url(), DELAY, 100, 3).build(), token -> {});

      notifier.notify(notification(PHONE, TABLET));
      expo.nextReceipts(WAIT);
      closeAndWait(notifier);
    } finally {
      logs.stop();
    }

    List<String> lines = logs.lines();
    assertThat(lines)
        .anySatisfy(line -> assertThat(line).contains("MessageTooBig", "ExponentPushToken[phon…"))
        .anySatisfy(line -> assertThat(line).contains("ExponentPushToken[tabl…"))
        .noneSatisfy(line -> assertThat(line).contains("could not be reached"))
        .noneSatisfy(line -> assertThat(line).contains(PHONE))
        .noneSatisfy(line -> assertThat(line).contains(TABLET));
  }
}
