package io.chat.bootstrap;

import io.chat.adapter.redis.RedisCallRegistry;
import io.chat.adapter.redis.RedisEventStream;
import io.chat.adapter.redis.RedisPresence;
import io.chat.adapter.redis.RedisSendRateLimit;
import io.chat.adapter.redis.RedisStore;
import io.chat.adapter.redis.RedisTurns;
import io.chat.adapter.ws.RealtimeChat;
import io.chat.application.port.in.CallSignalingUseCase;
import io.chat.application.port.in.GoOfflineUseCase;
import io.chat.application.port.in.GoOnlineUseCase;
import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.service.shared.KeyedSequencer;
import io.chat.domain.shared.Failures;
import io.chat.domain.user.UserId;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node among several shares on Redis ({@code --redis-uri}): presence counted over every
 * node, the send limit per user over every node, the turns that order each chat's sends across
 * nodes, and the bus on which every node publishes its events and from which every node, this one
 * included, delivers them to its sockets (call signals too), and the calls, so that the two sides
 * of a call may be on different nodes. Partners hear of users whose node died, or came back,
 * through {@link #tellPresenceWith}; calls with a side on a node that died end through {@link
 * #endCallsWith}. The node goes by its process tag in presence, the tag that ends its sockets'
 * device ids, so that the node that sweeps a dead one knows which devices went with it.
 */
final class SharedMode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedMode.class);
  private static final long CONNECT_SECONDS = 30;

  private final RedisStore redis;
  private final RedisPresence presence;
  private final RedisSendRateLimit sendRateLimit;
  private final RedisTurns turns;
  private final RedisEventStream bus;
  private final RedisCallRegistry calls;
  private final AtomicReference<GoOfflineUseCase> goOffline = new AtomicReference<>();
  private final AtomicReference<GoOnlineUseCase> goOnline = new AtomicReference<>();
  private final AtomicReference<CallSignalingUseCase> calling = new AtomicReference<>();

  private SharedMode(RedisStore redis, ServerConfig config, Clock clock) {
    this.redis = redis;
    this.presence =
        redis.presence(
            RealtimeChat.processTag(),
            RedisPresence.Timing.DEFAULT,
            this::wentOfflineWithNode,
            this::backOnlineWithNode,
            this::devicesLostWithNode);
    this.calls = redis.callRegistry(clock);
    this.sendRateLimit =
        redis.sendRateLimit(config.limits().sendBurst(), config.limits().sendPerSecond(), clock);
    this.turns = redis.turns(RedisTurns.DEFAULT_LEASE, new KeyedSequencer());
    this.bus = redis.eventStream(RedisEventStream.DEFAULT_CAP);
  }

  /** Connects to the configured Redis, waiting for it at start-up as for the store. */
  static SharedMode open(ServerConfig config, Clock clock) {
    String uri = config.redisUri().orElseThrow();
    RedisStore redis;
    try {
      redis = RedisStore.connect(uri).toCompletableFuture().get(CONNECT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Redis", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Redis (--redis-uri) does not answer: " + Failures.unwrapped(e), e);
    }
    try {
      return new SharedMode(redis, config, clock);
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  RedisPresence presence() {
    return presence;
  }

  RedisSendRateLimit sendRateLimit() {
    return sendRateLimit;
  }

  RedisTurns turns() {
    return turns;
  }

  /** The bus' side of the event port: {@code realtime} publishes there. */
  void publish(String entry) {
    bus.publish(entry);
  }

  /** The calls of every node. */
  RedisCallRegistry calls() {
    return calls;
  }

  /**
   * The use cases that tell partners of users whose node died, and of users told offline while
   * their devices stayed connected (their node was judged dead and came back).
   */
  void tellPresenceWith(GoOfflineUseCase offline, GoOnlineUseCase online) {
    goOffline.set(offline);
    goOnline.set(online);
  }

  /**
   * The use case that ends, as failed within the grace period, the calls with a side on a node that
   * died (its timers died with it, and its sockets never said they left).
   */
  void endCallsWith(CallSignalingUseCase signaling) {
    calling.set(signaling);
  }

  /** Starts delivering the bus' events to {@code realtime}'s sockets; returns once it reads. */
  void deliverTo(RealtimeChat realtime) {
    try {
      bus.start(realtime::deliverRelayed, realtime::resync)
          .toCompletableFuture()
          .get(CONNECT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the bus", e);
    } catch (Exception e) {
      throw new IllegalStateException("the bus on Redis does not start: " + e, e);
    }
  }

  /**
   * The store's health and Redis': a node whose connection to Redis does not answer, or that cannot
   * read the bus, is not ready.
   */
  StoreHealth health(StoreHealth store) {
    return () ->
        store
            .ping()
            .thenCompose(ok -> redis.ping())
            .thenCompose(
                ok ->
                    bus.healthy()
                        ? CompletableFuture.<Void>completedFuture(null)
                        : CompletableFuture.<Void>failedFuture(
                            new StoreUnavailableException(
                                new IllegalStateException("the bus on Redis is not read"))));
  }

  /** The bus' figures, next to the server's others. */
  void bindMetrics(MeterRegistry metrics) {
    metrics.gauge("chat_bus_lag_ms", bus, b -> b.lagMillis());
    FunctionCounter.builder("chat_bus_published", bus, b -> b.published()).register(metrics);
    FunctionCounter.builder("chat_bus_publish_failures", bus, b -> b.publishFailures())
        .register(metrics);
    FunctionCounter.builder("chat_bus_received", bus, b -> b.received()).register(metrics);
    FunctionCounter.builder("chat_bus_reconnects", bus, b -> b.reconnects()).register(metrics);
    FunctionCounter.builder("chat_bus_resyncs", bus, b -> b.resyncs()).register(metrics);
  }

  private void wentOfflineWithNode(UserId user) {
    GoOfflineUseCase useCase = goOffline.get();
    if (useCase != null) {
      logFailure(useCase.wentOfflineWithNode(user), user, "offline");
    }
  }

  private void backOnlineWithNode(UserId user) {
    GoOnlineUseCase useCase = goOnline.get();
    if (useCase != null) {
      logFailure(useCase.backOnlineWithNode(user), user, "online");
    }
  }

  private void devicesLostWithNode(UserId user, String node) {
    CallSignalingUseCase useCase = calling.get();
    if (useCase != null) {
      useCase
          .devicesGone(user, RealtimeChat.devicesOf(node))
          .whenComplete(
              (done, failure) -> {
                if (failure != null) {
                  LOG.warn(
                      "{}'s call on dead node {} not ended: {}",
                      user,
                      node,
                      Failures.unwrapped(failure));
                }
              });
    }
  }

  private static void logFailure(CompletionStage<Void> telling, UserId user, String how) {
    telling.whenComplete(
        (done, failure) -> {
          if (failure != null) {
            LOG.warn("{}'s partners not told {}: {}", user, how, Failures.unwrapped(failure));
          }
        });
  }

  /** Stops reading the bus, leaves presence (this node's devices go with it), disconnects. */
  @Override
  public void close() {
    bus.close();
    presence.close();
    redis.close();
  }
}
