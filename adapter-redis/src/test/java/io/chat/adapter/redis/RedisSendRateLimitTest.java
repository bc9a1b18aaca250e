package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Times;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the shared limit does beyond the contract: one burst for all nodes, keys that expire. */
class RedisSendRateLimitTest {
  private static RedisServer server;
  private static RedisStore nodeA;
  private static RedisStore nodeB;

  private final MutableClock clock = new MutableClock(Times.T0);

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
    nodeA = done(RedisStore.connect(server.uri(), "a-test:", Duration.ofSeconds(5)));
    nodeB = done(RedisStore.connect(server.uri(), "a-test:", Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stopRedis() {
    if (nodeA != null) {
      nodeA.close();
      nodeB.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void twoNodesShareOneBurstOfTwentyAndOneRateOfFivePerSecond() {
    RedisSendRateLimit onA = limit(nodeA, "shared:", clock);
    RedisSendRateLimit onB = limit(nodeB, "shared:", clock);

    List<Optional<Duration>> answers =
        Concurrently.call(60, i -> (i % 2 == 0 ? onA : onB).acquire(ALICE));

    assertThat(answers).as("one burst, not one per node").filteredOn(Optional::isEmpty).hasSize(20);
    clock.advance(Duration.ofMillis(200));
    assertThat(done(onB.acquire(ALICE))).as("one token after 200 ms, on B").isEmpty();
    assertThat(done(onA.acquire(ALICE)))
        .as("and it is gone for A")
        .contains(Duration.ofMillis(200));
  }

  @Test
  void anIdleUsersBucketExpiresOnceItWouldBeFullAgain() {
    // Two tokens at twenty a second: full again 100 ms after the last send, on the real clock.
    RedisSendRateLimit limit =
        new RedisSendRateLimit(nodeA.commands(), "idle:", 2, 20, Clock.systemUTC());
    RedisAsyncCommands<String, String> redis = nodeA.commands();
    done(limit.acquire(ALICE));
    String key = limit.key(ALICE);

    assertThat(done(redis.pttl(key)))
        .as("a bucket that refills expires: no key lives forever")
        .isPositive()
        .isLessThanOrEqualTo(1_050);
    Eventually.until(() -> done(redis.exists(key)), gone -> gone == 0L, Duration.ofSeconds(10));
    assertThat(done(limit.acquire(ALICE))).as("a forgotten bucket is a full one").isEmpty();
    assertThat(done(limit.acquire(ALICE))).isEmpty();
  }

  @Test
  void aRefusedSendWritesNothing() {
    RedisSendRateLimit limit = limit(nodeA, "refused:", clock);
    RedisAsyncCommands<String, String> redis = nodeA.commands();
    for (int i = 0; i < 20; i++) {
      done(limit.acquire(ALICE));
    }
    var before = done(redis.hgetall(limit.key(ALICE)));

    clock.advance(Duration.ofMillis(100));
    assertThat(done(limit.acquire(ALICE))).isPresent();

    assertThat(done(redis.hgetall(limit.key(ALICE)))).isEqualTo(before);
  }

  @Test
  void aScriptRedisForgotIsSentAgain() {
    RedisSendRateLimit limit = limit(nodeA, "flushed:", clock);
    assertThat(done(limit.acquire(ALICE))).isEmpty();

    done(nodeA.commands().scriptFlush());

    assertThat(done(limit.acquire(ALICE))).as("after SCRIPT FLUSH").isEmpty();
    assertThat(done(nodeA.commands().hget(limit.key(ALICE), "t"))).startsWith("18");
  }

  private static RedisSendRateLimit limit(RedisStore store, String prefix, Clock clock) {
    return new RedisSendRateLimit(store.commands(), prefix, 20, 5, clock);
  }
}
