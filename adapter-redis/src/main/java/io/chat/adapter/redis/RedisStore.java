package io.chat.adapter.redis;

import io.chat.application.port.out.Turns;
import io.chat.domain.user.UserId;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What several nodes share, on one Redis: the adapter's one entry point. One shared Lettuce
 * connection (commands are pipelined on it, and Lettuce reconnects it by itself), plus one of its
 * own for each event stream's blocking reads; while it is down or Redis does not answer within the
 * command timeout, every call fails at once with {@link
 * io.chat.application.port.out.StoreUnavailableException} rather than queueing. Answers complete on
 * Lettuce's I/O threads: callers chain non-blocking work only, as everywhere in this code.
 */
public final class RedisStore implements AutoCloseable {
  /** The prefix of every key this adapter writes, unless told otherwise. */
  public static final String DEFAULT_KEY_PREFIX = "chat:";

  /** The longest wait between two attempts to reconnect. */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

  /** How long a command may take before the caller is told Redis is unavailable. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final RedisURI uri;
  private final StatefulRedisConnection<String, String> connection;
  private final String keyPrefix;
  private final Duration commandTimeout;
  private final List<RedisEventStream> streams = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisStore(
      RedisClient client,
      RedisURI uri,
      StatefulRedisConnection<String, String> connection,
      String keyPrefix,
      Duration commandTimeout) {
    this.client = client;
    this.uri = uri;
    this.connection = connection;
    this.keyPrefix = keyPrefix;
    this.commandTimeout = commandTimeout;
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
    // Lettuce's own resources, but for the reconnect delay: its default doubles up to 30 s, so a
    // node would come back up to 30 s after a long outage ended; here at most 2 s after.
    ClientResources resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(100), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
            .build();
    RedisClient client = RedisClient.create(resources, redisUri);
    client.setOptions(options(commandTimeout, true));
    CompletableFuture<RedisStore> store = new CompletableFuture<>();
    client
        .connectAsync(StringCodec.UTF8, redisUri)
        .whenComplete(
            (connection, error) -> {
              if (error == null) {
                store.complete(
                    new RedisStore(client, redisUri, connection, keyPrefix, commandTimeout));
              } else {
                client.shutdownAsync().whenComplete((done, failure) -> resources.shutdown());
                store.completeExceptionally(RedisErrors.translate(error));
              }
            });
    return store;
  }

  private static ClientOptions options(Duration commandTimeout, boolean autoReconnect) {
    return ClientOptions.builder()
        .autoReconnect(autoReconnect)
        // Refused at once while disconnected, not queued for a Redis that may be gone for long:
        // the caller answers 503 and the client retries.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .socketOptions(
            SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
        .build();
  }

  /**
   * Completes when Redis answers a {@code PING} on the shared connection, the one every turn,
   * publish and count goes through; fails with {@code StoreUnavailableException} otherwise.
   */
  public CompletionStage<Void> ping() {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    try {
      commands()
          .ping()
          .whenComplete(
              (pong, error) -> {
                if (error == null) {
                  answered.complete(null);
                } else {
                  answered.completeExceptionally(RedisErrors.translate(error));
                }
              });
    } catch (RuntimeException e) {
      answered.completeExceptionally(RedisErrors.translate(e));
    }
    return answered;
  }

  /**
   * The calls of every node, ended ones kept for {@link RedisCallRegistry#KEEP_ENDED} on {@code
   * clock}.
   */
  public RedisCallRegistry callRegistry(Clock clock) {
    return new RedisCallRegistry(commands(), keyPrefix, clock, RedisCallRegistry.KEEP_ENDED);
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
   * Users of this node told offline while still connected are not told online again: see the
   * three-argument form.
   */
  public RedisPresence presence(RedisPresence.Timing timing, Consumer<UserId> wentOffline) {
    return presence(timing, wentOffline, user -> {});
  }

  /**
   * This node's view of presence, as above; users of this node that its re-registration finds to be
   * told online again (another node told them offline while their devices stayed connected here,
   * see {@link RedisPresence}) go to {@code cameBackOnline}.
   */
  public RedisPresence presence(
      RedisPresence.Timing timing, Consumer<UserId> wentOffline, Consumer<UserId> cameBackOnline) {
    return presence(
        UUID.randomUUID().toString(), timing, wentOffline, cameBackOnline, (user, dead) -> {});
  }

  /**
   * This node's view of presence, as above, under {@code node}, which must be new at every start
   * and unique among the nodes (the server's process tag, which also names its sockets' devices);
   * each user who had devices on a dead node this node cleans up goes, with that node's id, to
   * {@code devicesLost}, whether or not they have devices elsewhere.
   */
  public RedisPresence presence(
      String node,
      RedisPresence.Timing timing,
      Consumer<UserId> wentOffline,
      Consumer<UserId> cameBackOnline,
      BiConsumer<UserId, String> devicesLost) {
    return new RedisPresence(
            commands(),
            scheduler(),
            keyPrefix,
            node,
            timing,
            wentOffline,
            cameBackOnline,
            devicesLost)
        .start();
  }

  /**
   * Turns per key for every node, each held in Redis for at most {@code lease} ({@link
   * RedisTurns#DEFAULT_LEASE} unless a task may take longer), under a new node id; {@code local}
   * queues this node's own turns first (the core's in-process {@code KeyedSequencer}).
   */
  public RedisTurns turns(Duration lease, Turns local) {
    return turns(UUID.randomUUID().toString(), lease, local);
  }

  RedisTurns turns(String node, Duration lease, Turns local) {
    return new RedisTurns(commands(), scheduler(), keyPrefix, node, lease, local);
  }

  /**
   * The event bus of every node: one Redis stream, trimmed to about {@code cap} entries ({@link
   * RedisEventStream#DEFAULT_CAP}; the same on every node, since a reader judges by its own cap
   * whether the stream may have been trimmed past it), published to on the shared connection and
   * read on a connection of its own once started. Closed with this store, if not before.
   */
  public RedisEventStream eventStream(int cap) {
    // Blocking reads get a client of their own, on this store's threads: a timeout that lets a
    // read block, and no reconnecting behind the reader's back, so that it sees every loss of its
    // connection and asks what it may have missed.
    RedisURI readerUri =
        RedisURI.builder(uri)
            .withClientName(keyPrefix.replaceAll("\\s", "_") + "events-reader")
            .build();
    Duration readerTimeout = commandTimeout.plus(RedisEventStream.BLOCK);
    readerUri.setTimeout(readerTimeout);
    RedisClient reader = RedisClient.create(client.getResources(), readerUri);
    reader.setOptions(options(readerTimeout, false));
    RedisEventStream stream =
        new RedisEventStream(commands(), reader, readerUri, scheduler(), keyPrefix, cap);
    streams.add(stream);
    return stream;
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
      // The streams' clients run on this client's threads: they go first. Then the shared
      // connection and the threads, without a quiet period.
      CompletableFuture.allOf(
              streams.stream()
                  .map(RedisEventStream::closeAsync)
                  .toArray(CompletableFuture<?>[]::new))
          .whenComplete(
              (done, error) ->
                  client
                      .shutdownAsync(0, 2, TimeUnit.SECONDS)
                      .whenComplete(
                          (stopped, failure) ->
                              client.getResources().shutdown(0, 2, TimeUnit.SECONDS)));
    }
  }
}
