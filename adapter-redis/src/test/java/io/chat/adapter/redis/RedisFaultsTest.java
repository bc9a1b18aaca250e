package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.testing.Times;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis away, paused or broken: calls fail as {@link StoreUnavailableException} (never hang, never
 * answer as if they had counted), and the adapter recovers by itself when Redis is back.
 */
class RedisFaultsTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final MutableClock clock = new MutableClock(Times.T0);
  private RedisServer server;
  private RedisStore store;

  @BeforeEach
  void startRedis() {
    server = RedisServer.start();
    store = done(RedisStore.connect(server.uri(), "faults:", TIMEOUT));
  }

  @AfterEach
  void stopRedis() {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void noRedisToConnectToIsUnavailable() {
    int port = server.port();
    server.close();

    assertThat(failure(RedisStore.connect("redis://127.0.0.1:" + port, "x:", TIMEOUT)))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aKilledRedisIsUnavailableAndTheLimitRecoversWhenItIsBack() {
    RedisSendRateLimit limit = store.sendRateLimit(2, 1, clock);
    assertThat(done(limit.acquire(ALICE))).isEmpty();

    server.kill();

    assertThat(failure(limit.acquire(ALICE))).isInstanceOf(StoreUnavailableException.class);

    server.restart();

    // Lettuce reconnects by itself; the new Redis knows no script and no bucket.
    assertThat(awaitAnswer(() -> limit.acquire(BOB))).isEmpty();
    assertThat(done(limit.acquire(ALICE)))
        .as("a restarted Redis starts with full buckets")
        .isEmpty();
    assertThat(done(limit.acquire(ALICE))).isEmpty();
    assertThat(done(limit.acquire(ALICE))).isPresent();
  }

  @Test
  void aPausedRedisIsUnavailableAfterTheCommandTimeoutAndAnswersWhenResumed() {
    RedisPresence presence = store.presence(RedisPresence.Timing.DEFAULT, user -> {});
    try {
      assertThat(done(presence.connect(ALICE))).isTrue();

      server.pause();
      try {
        assertThat(failure(presence.connect(BOB))).isInstanceOf(StoreUnavailableException.class);
        assertThat(failure(presence.isOnline(ALICE))).isInstanceOf(StoreUnavailableException.class);
      } finally {
        server.resume();
      }

      assertThat(awaitAnswer(() -> presence.isOnline(ALICE))).isTrue();
      assertThat(done(presence.disconnect(ALICE))).isTrue();
    } finally {
      presence.close();
    }
  }

  @Test
  void aReplyThatIsABugIsNotUnavailable() {
    RedisSendRateLimit limit = store.sendRateLimit(2, 1, clock);
    done(store.commands().set(limit.key(ALICE), "not a bucket"));

    assertThat(failure(limit.acquire(ALICE)))
        .isInstanceOf(RedisCommandExecutionException.class)
        .hasMessageContaining("WRONGTYPE");
  }

  @Test
  void theErrorsOfARedisThatWillAnswerAgainAreUnavailable() {
    for (String reply :
        new String[] {"LOADING Redis is loading", "READONLY You can't write", "MASTERDOWN Link"}) {
      assertThat(RedisErrors.translate(new RedisCommandExecutionException(reply)))
          .as(reply)
          .isInstanceOf(StoreUnavailableException.class);
    }
    assertThat(RedisErrors.translate(new RedisException("Connection disconnected")))
        .as("a command sent as the connection dropped")
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(RedisErrors.translate(new RedisCommandExecutionException("ERR unknown command")))
        .isNotInstanceOf(StoreUnavailableException.class);
  }

  /** The first answer that is not a failure of an unavailable Redis, awaited. */
  private static <T> T awaitAnswer(Supplier<CompletionStage<T>> call) {
    AtomicReference<T> answer = new AtomicReference<>();
    Eventually.until(
        () -> {
          try {
            answer.set(done(call.get()));
            return true;
          } catch (StoreUnavailableException e) {
            return false;
          }
        },
        answered -> answered,
        WITHIN);
    return answer.get();
  }
}
