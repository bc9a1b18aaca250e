package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;

import io.chat.application.contract.SendRateLimitContract;
import io.chat.application.port.out.SendRateLimit;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link SendRateLimit} contract on a real Redis, through two nodes: two clients of their own,
 * sharing the keys of each test.
 */
class RedisSendRateLimitContractTest extends SendRateLimitContract {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static RedisServer server;
  private static RedisStore nodeA;
  private static RedisStore nodeB;

  /** How each limit was made, so that the other node's view is made alike. */
  private final Map<SendRateLimit, Supplier<SendRateLimit>> onNodeB = new IdentityHashMap<>();

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
    nodeA = done(RedisStore.connect(server.uri()));
    nodeB = done(RedisStore.connect(server.uri()));
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

  @Override
  protected SendRateLimit newRateLimit(int burst, double perSecond, Clock clock) {
    String prefix = "test" + TESTS.incrementAndGet() + ":";
    SendRateLimit limit = new RedisSendRateLimit(nodeA.commands(), prefix, burst, perSecond, clock);
    onNodeB.put(
        limit, () -> new RedisSendRateLimit(nodeB.commands(), prefix, burst, perSecond, clock));
    return limit;
  }

  @Override
  protected SendRateLimit anotherNodeOf(SendRateLimit limit) {
    return onNodeB.get(limit).get();
  }
}
