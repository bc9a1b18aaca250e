package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.push.FakeExpo.Received;
import io.chat.adapter.push.FakeExpo.Reply;
import io.chat.application.port.out.PushNotification;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpoPushNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PHONE = "ExponentPushToken[phone0000000000000000]";
  private static final String TABLET = "ExponentPushToken[tablet000000000000000]";
  private static final String WATCH = "ExponentPushToken[watch0000000000000000]";
  private static final String CHAT = "65f0c0ffee0000000000abcd";

  private static PushNotification notification(String... tokens) {
    return new PushNotification(
        UserId.of("bob"),
        Arrays.stream(tokens).map(token -> PushToken.of(token, "ios")).toList(),
        "Alice Liddell",
        "Hello Bob",
        ChatId.of(CHAT),
        UserId.of("alice"));
  }

  private static String device(int i) {
    return "ExponentPushToken[device" + i + "]";
  }

  private static void closeAndWait(ExpoPushNotifier notifier) throws Exception {
    notifier.close().toCompletableFuture().get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
  }

  private static Reply tickets(String json) throws IOException {
    return Reply.json(200, JSON.readTree(json));
  }

  @Test
  void postsOneMessagePerDeviceWithTheExpectedHeadersAndBody() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(expo.config().accessToken("s3cret").build(), token -> {});

      notifier.notify(notification(PHONE, TABLET));

      Received request = expo.next(WAIT);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo(FakeExpo.PATH);
      assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
      assertThat(request.headers().getFirst("Accept")).isEqualTo("application/json");
      assertThat(request.headers().getFirst("Accept-Encoding")).isEqualTo("gzip, deflate");
      assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret");
      assertThat(request.body())
          .isEqualTo(
              JSON.readTree(
                  """
                  [
                    {"to": "%s", "title": "Alice Liddell", "body": "Hello Bob",
                     "data": {"chatId": "%s", "senderId": "alice"}, "sound": "default"},
                    {"to": "%s", "title": "Alice Liddell", "body": "Hello Bob",
                     "data": {"chatId": "%s", "senderId": "alice"}, "sound": "default"}
                  ]
                  """
                      .formatted(PHONE, CHAT, TABLET, CHAT)));

      closeAndWait(notifier);
      assertThat(expo.drained()).isEmpty();
      assertThat(notifier.stats().delivered()).isEqualTo(2);
      assertThat(notifier.stats().failed()).isZero();
    }
  }

  @Test
  void sendsNoAuthorizationWithoutAnAccessToken() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), token -> {});

      notifier.notify(notification(PHONE));

      assertThat(expo.next(WAIT).headers().containsKey("Authorization")).isFalse();
      closeAndWait(notifier);
    }
  }

  @Test
  void batchesTwoHundredFiftyNotificationsIntoThreeRequests() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      GateExecutor worker = new GateExecutor();
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), token -> {}, worker);
      List<String> devices = IntStream.range(0, 250).mapToObj(i -> device(i)).toList();
      devices.forEach(device -> notifier.notify(notification(device)));

      worker.open();

      List<Received> requests = List.of(expo.next(WAIT), expo.next(WAIT), expo.next(WAIT));
      closeAndWait(notifier);
      assertThat(expo.drained()).isEmpty();
      assertThat(requests)
          .extracting(request -> request.body().size())
          .containsExactlyInAnyOrder(100, 100, 50);
      assertThat(requests.stream().flatMap(request -> request.tokens().stream()))
          .containsExactlyInAnyOrderElementsOf(devices);
      assertThat(notifier.stats().delivered()).isEqualTo(250);
    }
  }

  @Test
  void retriesAfter429And503WithGrowingBackoffThenDelivers() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      AtomicInteger calls = new AtomicInteger();
      expo.answering(
          request ->
              switch (calls.getAndIncrement()) {
                case 0 -> Reply.status(429);
                case 1 -> Reply.status(503);
                default -> FakeExpo.allAccepted(request);
              });
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              expo.config()
                  .maxRetries(3)
                  .baseBackoff(Duration.ofMillis(100))
                  .maxBackoff(Duration.ofSeconds(5))
                  .build(),
              token -> {});

      notifier.notify(notification(PHONE));

      Received first = expo.next(WAIT);
      Received second = expo.next(WAIT);
      Received third = expo.next(WAIT);
      closeAndWait(notifier);
      assertThat(List.of(second.body(), third.body())).containsOnly(first.body());
      // Equal jitter: the n-th retry waits at least half of base * 2^(n-1).
      assertThat(millisBetween(first, second)).isGreaterThanOrEqualTo(50);
      assertThat(millisBetween(second, third)).isGreaterThanOrEqualTo(100);
      assertThat(expo.drained()).isEmpty();
      assertThat(notifier.stats())
          .extracting(ExpoPushNotifier.Stats::retries, ExpoPushNotifier.Stats::delivered)
          .containsExactly(2L, 1L);
    }
  }

  @Test
  void waitsAtLeastWhatRetryAfterAsks() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      AtomicInteger calls = new AtomicInteger();
      expo.answering(
          request ->
              calls.getAndIncrement() == 0
                  ? new Reply(429, Map.of("Retry-After", "1"), new byte[0])
                  : FakeExpo.allAccepted(request));
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), token -> {});

      notifier.notify(notification(PHONE));

      Received first = expo.next(WAIT);
      Received second = expo.next(WAIT);
      closeAndWait(notifier);
      assertThat(millisBetween(first, second)).isGreaterThanOrEqualTo(1_000);
      assertThat(notifier.stats().delivered()).isEqualTo(1);
    }
  }

  @Test
  void givesUpAfterTheRetryBound() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(request -> Reply.status(503));
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), token -> {});

      notifier.notify(notification(PHONE));
      closeAndWait(notifier);

      assertThat(expo.drained()).hasSize(3);
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::retries,
              ExpoPushNotifier.Stats::failed,
              ExpoPushNotifier.Stats::delivered,
              ExpoPushNotifier.Stats::dropped)
          .containsExactly(2L, 1L, 0L, 0L);
    }
  }

  @Test
  void givesUpRatherThanRetryBeforeARetryAfterBeyondTheCap() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(request -> new Reply(429, Map.of("Retry-After", "3600"), new byte[0]));
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), token -> {});

      notifier.notify(notification(PHONE));
      closeAndWait(notifier);

      assertThat(expo.drained()).hasSize(1);
      assertThat(notifier.stats().failed()).isEqualTo(1);
    }
  }

  @Test
  void doesNotRetryARefusedRequest() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(
          request ->
              Reply.json(400, errors("VALIDATION_ERROR", "\"to\" must be a token, got " + PHONE)));
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), token -> {});

      notifier.notify(notification(PHONE));
      closeAndWait(notifier);

      assertThat(expo.drained()).hasSize(1);
      assertThat(notifier.stats().failed()).isEqualTo(1);
      assertThat(notifier.stats().retries()).isZero();
    }
  }

  @Test
  void retriesAServiceThatIsDownThenGivesUp() throws Exception {
    URI down;
    try (ServerSocket closedAgain = new ServerSocket(0)) {
      down = URI.create("http://127.0.0.1:" + closedAgain.getLocalPort() + FakeExpo.PATH);
    }
    ExpoPushNotifier notifier = new ExpoPushNotifier(FakeExpo.config(down).build(), token -> {});

    notifier.notify(notification(PHONE));
    closeAndWait(notifier);

    assertThat(notifier.stats())
        .extracting(ExpoPushNotifier.Stats::retries, ExpoPushNotifier.Stats::failed)
        .containsExactly(2L, 1L);
  }

  @Test
  void forgetsTheTokenOfADeviceThatIsNotRegistered() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(
          request ->
              uncheck(
                  () ->
                      tickets(
                          """
                          {"data": [
                            {"status": "ok", "id": "t-1"},
                            {"status": "error",
                             "message": "\\"%s\\" is not a registered push notification recipient",
                             "details": {"error": "DeviceNotRegistered", "expoPushToken": "%s"}},
                            {"status": "error", "message": "Rate exceeded",
                             "details": {"error": "MessageRateExceeded"}}
                          ]}
                          """
                              .formatted(TABLET, TABLET))));
      List<String> forgotten = new CopyOnWriteArrayList<>();
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), forgotten::add);

      notifier.notify(notification(PHONE, TABLET, WATCH));
      closeAndWait(notifier);

      assertThat(forgotten).containsExactly(TABLET);
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::delivered,
              ExpoPushNotifier.Stats::failed,
              ExpoPushNotifier.Stats::tokensForgotten)
          .containsExactly(1L, 2L, 1L);
    }
  }

  @Test
  void findsTheUnregisteredTokenByItsPlaceWhenTheTicketDoesNotNameIt() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(
          request ->
              uncheck(
                  () ->
                      tickets(
                          """
                          {"data": [
                            {"status": "ok", "id": "t-1"},
                            {"status": "error", "details": {"error": "DeviceNotRegistered"}}
                          ]}
                          """)));
      List<String> forgotten = new CopyOnWriteArrayList<>();
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), forgotten::add);

      notifier.notify(notification(PHONE, WATCH));
      closeAndWait(notifier);

      assertThat(forgotten).containsExactly(WATCH);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate"})
  void readsCompressedAnswers(String encoding) throws Exception {
    byte[] answer =
        """
        {"data": [{"status": "error", "details": {"error": "DeviceNotRegistered"}}]}
        """
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out =
        encoding.equals("gzip")
            ? new GZIPOutputStream(compressed)
            : new DeflaterOutputStream(compressed)) {
      out.write(answer);
    }
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(
          request ->
              new Reply(
                  200,
                  Map.of("Content-Type", "application/json", "Content-Encoding", encoding),
                  compressed.toByteArray()));
      List<String> forgotten = new CopyOnWriteArrayList<>();
      ExpoPushNotifier notifier = new ExpoPushNotifier(expo.config().build(), forgotten::add);

      notifier.notify(notification(PHONE));
      closeAndWait(notifier);

      assertThat(forgotten).containsExactly(PHONE);
    }
  }

  @Test
  void aPushServiceThatNeverAnswersNeitherBlocksNotifyNorGrowsTheQueue() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.neverAnswering();
      GateExecutor worker = new GateExecutor();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              expo.config()
                  .batchSize(10)
                  .queueCapacity(30)
                  .maxInFlight(2)
                  .requestTimeout(Duration.ofSeconds(60))
                  .closeDeadline(Duration.ofMillis(200))
                  .build(),
              token -> {},
              worker);
      assertTimeoutPreemptively(
          WAIT,
          () -> IntStream.range(0, 100).forEach(i -> notifier.notify(notification(device(i)))));
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::queued,
              ExpoPushNotifier.Stats::accepted,
              ExpoPushNotifier.Stats::dropped)
          .containsExactly(30, 30L, 70L);

      worker.open();
      expo.next(WAIT);
      expo.next(WAIT);
      assertThat(notifier.stats())
          .extracting(ExpoPushNotifier.Stats::inFlight, ExpoPushNotifier.Stats::queued)
          .containsExactly(2, 10);

      // Both slots hang on the silent service: new notifications only fill the queue to its bound.
      assertTimeoutPreemptively(
          WAIT,
          () -> IntStream.range(100, 150).forEach(i -> notifier.notify(notification(device(i)))));
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::inFlight,
              ExpoPushNotifier.Stats::queued,
              ExpoPushNotifier.Stats::accepted,
              ExpoPushNotifier.Stats::dropped)
          .containsExactly(2, 30, 50L, 100L);

      assertTimeoutPreemptively(WAIT, () -> closeAndWait(notifier));
      assertThat(notifier.stats().dropped()).isEqualTo(130);
      assertThat(expo.drained()).isEmpty();
    }
  }

  @Test
  void aRequestThatTimesOutIsRetriedThenGivenUpAndFreesItsSlot() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.neverAnswering();
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              expo.config()
                  .queueCapacity(10)
                  .maxInFlight(1)
                  .maxRetries(1)
                  .baseBackoff(Duration.ofMillis(10))
                  .maxBackoff(Duration.ofSeconds(1))
                  .requestTimeout(Duration.ofMillis(200))
                  .build(),
              token -> {});

      notifier.notify(notification(PHONE));
      closeAndWait(notifier);

      expo.next(WAIT);
      expo.next(WAIT);
      assertThat(notifier.stats())
          .extracting(
              ExpoPushNotifier.Stats::retries,
              ExpoPushNotifier.Stats::inFlight,
              ExpoPushNotifier.Stats::failed,
              ExpoPushNotifier.Stats::dropped)
          .containsExactly(1L, 0, 1L, 0L);
    }
  }

  @Test
  void closeSendsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              expo.config().queueCapacity(100).maxInFlight(1).build(), token -> {});
      List<String> devices = IntStream.range(0, 5).mapToObj(i -> device(i)).toList();
      devices.forEach(device -> notifier.notify(notification(device)));

      closeAndWait(notifier);
      notifier.notify(notification(PHONE));

      assertThat(expo.drained().stream().flatMap(request -> request.tokens().stream()))
          .containsExactlyInAnyOrderElementsOf(devices);
      assertThat(notifier.stats())
          .extracting(ExpoPushNotifier.Stats::delivered, ExpoPushNotifier.Stats::dropped)
          .containsExactly(5L, 1L);
    }
  }

  @Test
  void logsNeitherMessageTextNorWholeTokens() throws Exception {
    CapturedLogs logs = CapturedLogs.of(ExpoPushNotifier.class);
    try (FakeExpo expo = new FakeExpo()) {
      AtomicInteger calls = new AtomicInteger();
      expo.answering(
          request ->
              calls.getAndIncrement() == 0
                  ? Reply.json(400, errors("VALIDATION_ERROR", "bad body: Hello Bob " + PHONE))
                  : uncheck(
                      () ->
                          tickets(
                              """
                              {"data": [
                                {"status": "error", "message": "Hello Bob is too big for %s",
                                 "details": {"error": "MessageTooBig"}},
                                {"status": "error", "message": "%s is gone",
                                 "details": {"error": "DeviceNotRegistered"}}
                              ]}
                              """
                                  .formatted(PHONE, TABLET))));
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              expo.config().queueCapacity(100).maxInFlight(1).build(), token -> {});

      notifier.notify(notification(PHONE));
      expo.next(WAIT);
      notifier.notify(notification(PHONE, TABLET));
      closeAndWait(notifier);
    } finally {
      logs.stop();
    }

    assertThat(logs.lines())
        .anySatisfy(line -> assertThat(line).contains("VALIDATION_ERROR"))
        .anySatisfy(line -> assertThat(line).contains("MessageTooBig", "ExponentPushToken[phon…"))
        .anySatisfy(line -> assertThat(line).contains("ExponentPushToken[tabl…"))
        .noneSatisfy(line -> assertThat(line).contains("Hello Bob"))
        .noneSatisfy(line -> assertThat(line).contains(PHONE))
        .noneSatisfy(line -> assertThat(line).contains(TABLET));
  }

  private static ObjectNode errors(String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("errors").addObject().put("code", code).put("message", message);
    return root;
  }

  private static long millisBetween(Received earlier, Received later) {
    return TimeUnit.NANOSECONDS.toMillis(later.arrivedNanos() - earlier.arrivedNanos());
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T uncheck(IoSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
