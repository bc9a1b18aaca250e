package io.chat.adapter.redis;

import io.chat.application.port.out.SendRateLimit;
import io.chat.domain.user.UserId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Send rate limit shared by every node: one token bucket per user in Redis, taken from by one
 * atomic script, with the burst and rate semantics of the single-process limit. The time is the
 * calling node's clock, passed into the script (not Redis' {@code TIME}), so that the limit is
 * tested on a clock the test moves, like the single-process one; a node whose clock is behind the
 * last count refills nothing, so skew between nodes only ever makes the limit stricter. A bucket's
 * key expires when it would be full again: idle users cost nothing.
 */
public final class RedisSendRateLimit implements SendRateLimit {
  private final RedisAsyncCommands<String, String> redis;
  private final RedisScript script;
  private final String keyPrefix;
  private final String burst;
  private final String perSecond;
  private final Clock clock;

  RedisSendRateLimit(
      RedisAsyncCommands<String, String> redis,
      String keyPrefix,
      int burst,
      double perSecond,
      Clock clock) {
    if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("burst must be at least 1 and the rate positive");
    }
    this.redis = Objects.requireNonNull(redis, "redis");
    this.script = RedisScript.load("send-rate-limit.lua", ScriptOutputType.INTEGER, redis);
    this.keyPrefix = keyPrefix + "rate:send:";
    this.burst = Integer.toString(burst);
    this.perSecond = Double.toString(perSecond);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CompletionStage<Optional<Duration>> acquire(UserId user) {
    return script
        .<Long>run(redis, new String[] {key(user)}, micros(clock.instant()), burst, perSecond)
        .thenApply(
            wait -> wait < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait * 1_000)));
  }

  String key(UserId user) {
    return keyPrefix + user.value();
  }

  /** Microseconds since the epoch: exact in Lua's doubles (below 2^53) until the year 2255. */
  private static String micros(Instant now) {
    return Long.toString(
        Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000));
  }
}
