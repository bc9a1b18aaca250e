package io.chat.adapter.redis;

import io.chat.application.contract.SendRateLimitContract;
import io.chat.application.port.out.SendRateLimit;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link SendRateLimit} contract on a real Redis, through two nodes: two clients of their own,
 * sharing the keys of each test.
 */
class RedisSendRateLimitContractTest extends SendRateLimitContract {
  @RegisterExtension static final TwoRedisNodes NODES = new TwoRedisNodes();

  /** How each limit was made, so that the other node's view is made alike. */
  private final Map<SendRateLimit, Supplier<SendRateLimit>> onNodeB = new IdentityHashMap<>();

  @Override
  protected SendRateLimit newRateLimit(int burst, double perSecond, Clock clock) {
    String prefix = NODES.freshPrefix();
    SendRateLimit limit =
        new RedisSendRateLimit(NODES.a().commands(), prefix, burst, perSecond, clock);
    onNodeB.put(
        limit, () -> new RedisSendRateLimit(NODES.b().commands(), prefix, burst, perSecond, clock));
    return limit;
  }

  @Override
  protected SendRateLimit anotherNodeOf(SendRateLimit limit) {
    return onNodeB.get(limit).get();
  }
}
