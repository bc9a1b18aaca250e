package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat.adapter.push.ExpoClient.Outcome;
import io.chat.adapter.push.FakeExpo.Received;
import io.chat.adapter.push.FakeExpo.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The client on its own: one request to the fake Expo, its retries timed by a hand-driven clock.
 */
class ExpoClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final byte[] BODY =
      "[{\"to\": \"ExponentPushToken[a]\"}]".getBytes(StandardCharsets.UTF_8);

  private static final JsonNode ACCEPTED =
      JSON.createObjectNode()
          .set(
              "data",
              JSON.createArrayNode()
                  .add(JSON.createObjectNode().put("status", "ok").put("id", "t-1")));

  private final ManualScheduler clock = new ManualScheduler();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicLong retries = new AtomicLong();

  private ExpoClient.Call<ExpoWire.Answer> sends(ExpoPushConfig config) {
    return new ExpoClient.Call<>(
        config.url(),
        ExpoWire::parse,
        new ExpoWire.Answer(List.of(), List.of()),
        ExpoWire.Answer::requestErrors,
        stopped::get,
        retries);
  }

  private static <T> Outcome<T> settled(CompletableFuture<Outcome<T>> outcome) throws Exception {
    return outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void sendsTheSameRequestAgainAfterEachRetryableAnswerAndCountsTheRetries() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      AtomicInteger calls = new AtomicInteger();
      expo.answering(
          request ->
              switch (calls.getAndIncrement()) {
                case 0 -> Reply.status(503);
                case 1 -> Reply.status(429);
                default -> Reply.json(200, ACCEPTED);
              });
      ExpoPushConfig config = expo.config().build();
      ExpoClient client = new ExpoClient(config, clock, Runnable::run);

      CompletableFuture<Outcome<ExpoWire.Answer>> outcome = client.post(sends(config), () -> BODY);
      Received first = expo.next(WAIT);
      clock.awaitTimer(WAIT);
      assertThat(outcome).isNotDone();
      clock.advance(config.maxBackoff());
      Received second = expo.next(WAIT);
      clock.awaitTimer(WAIT);
      clock.advance(config.maxBackoff());
      Received third = expo.next(WAIT);

      assertThat(settled(outcome))
          .isEqualTo(
              new Outcome.Answered<>(
                  new ExpoWire.Answer(
                      List.of(ExpoWire.Ticket.accepted(Optional.of("t-1"))), List.of())));
      assertThat(List.of(second.body(), third.body())).containsOnly(first.body());
      assertThat(retries).hasValue(2);
    }
  }

  @Test
  void anOwnerThatStoppedWhileARetryWaitedHasItDroppedUnsent() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      expo.answering(request -> Reply.status(503));
      ExpoPushConfig config = expo.config().build();
      ExpoClient client = new ExpoClient(config, clock, Runnable::run);

      CompletableFuture<Outcome<ExpoWire.Answer>> outcome = client.post(sends(config), () -> BODY);
      expo.next(WAIT);
      clock.awaitTimer(WAIT);
      stopped.set(true);
      clock.advance(config.maxBackoff());

      assertThat(outcome).isCompletedWithValue(new Outcome.Dropped<>());
      assertThat(retries).hasValue(1);
    }
  }

  @Test
  void aRequestThatCannotBeBuiltIsNeverSent() throws Exception {
    try (FakeExpo expo = new FakeExpo()) {
      // A line break is no part of a header value: the request cannot be built.
      ExpoPushConfig config = expo.config().accessToken("s3cret\nX-Injected: 1").build();
      ExpoClient client = new ExpoClient(config, clock, Runnable::run);

      CompletableFuture<Outcome<ExpoWire.Answer>> outcome = client.post(sends(config), () -> BODY);

      assertThat(outcome)
          .isCompletedWithValue(
              new Outcome.NotBuilt<>(IllegalArgumentException.class.getSimpleName()));
      assertThat(retries).hasValue(0);
    }
  }
}
