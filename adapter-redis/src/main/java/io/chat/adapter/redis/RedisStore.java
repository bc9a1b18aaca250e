package io.chat.adapter.redis;

import io.chat.domain.user.UserId;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What several nodes share, on one Redis: the adapter's one entry point. One Lettuce connection
 * (commands are pipelined on it, and Lettuce reconnects it by itself); while it is down or Redis
 * does not answer within the command timeout, every call fails at once with {@link
 * io.chat.application.port.out.StoreUnavailableException} rather than queueing. Answers complete on
 * Lettuce's I/O threads: callers chain non-blocking work only, as everywhere in this code.
 */
public final class RedisStore implements AutoCloseable {
  /** The prefix of every key this adapter writes, unless told otherwise. */
  public static final String DEFAULT_KEY_PREFIX = "chat:";

  /** How long a command may take before the caller is told Redis is unavailable. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final String keyPrefix;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisStore(
      RedisClient client, StatefulRedisConnection<String, String> connection, String keyPrefix) {
    this.client = client;
    this.connection = connection;
    this.keyPrefix = keyPrefix;
  }

  /** Connects to {@code uri} ({@code redis://host:port}) with the default prefix and timeout. */
  public static CompletionStage<RedisStore> connect(String uri) {
    return connect(uri, DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT);
  }

  /**
   * Connects to {@code uri}; every key starts with {@code keyPrefix} (so that several deployments,
   * or tests, share one Redis), every command gives up after {@code commandTimeout}.
   */
  public static CompletionStage<RedisStore> connect(
      String uri, String keyPrefix, Duration commandTimeout) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    RedisURI redisUri = RedisURI.create(uri);
    redisUri.setTimeout(commandTimeout);
    RedisClient client = RedisClient.create(redisUri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Refused at once while disconnected, not queued for a Redis that may be gone for long:
            // the caller answers 503 and the client retries.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .socketOptions(
                SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
            .build());
    CompletableFuture<RedisStore> store = new CompletableFuture<>();
    client
        .connectAsync(StringCodec.UTF8, redisUri)
        .whenComplete(
            (connection, error) -> {
              if (error == null) {
                store.complete(new RedisStore(client, connection, keyPrefix));
              } else {
                client.shutdownAsync();
                store.completeExceptionally(RedisErrors.translate(error));
              }
            });
    return store;
  }

  /**
   * The send rate limit of every node: {@code burst} sends at once, {@code perSecond} sustained.
   */
  public RedisSendRateLimit sendRateLimit(int burst, double perSecond, Clock clock) {
    return new RedisSendRateLimit(commands(), keyPrefix, burst, perSecond, clock);
  }

  /**
   * This node's view of presence, under a new node id, heart-beating and sweeping dead nodes on
   * Lettuce's scheduler until closed; users of dead nodes it cleans up go to {@code wentOffline}.
   */
  public RedisPresence presence(RedisPresence.Timing timing, Consumer<UserId> wentOffline) {
    return presence(UUID.randomUUID().toString(), timing, wentOffline);
  }

  RedisPresence presence(String node, RedisPresence.Timing timing, Consumer<UserId> wentOffline) {
    return new RedisPresence(commands(), keyPrefix, node, timing, wentOffline).start(scheduler());
  }

  RedisAsyncCommands<String, String> commands() {
    return connection.async();
  }

  /** Lettuce's own scheduler: no thread of this adapter's making. */
  ScheduledExecutorService scheduler() {
    return client.getResources().eventExecutorGroup();
  }

  /** Closes the connection and the client's threads; calls in flight fail as unavailable. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // Closes the connection too; the threads end without a quiet period.
      client.shutdownAsync(0, 2, TimeUnit.SECONDS);
    }
  }
}
