package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.redis.RedisServer;
import io.chat.bootstrap.StandaloneServerIT.SocketIo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes while their Redis goes away (killed, then restarted on its port; or paused with
 * SIGSTOP): sends are refused with {@code 503 UNAVAILABLE} and {@code Retry-After}, never
 * acknowledged unstored; sockets and history stay up; {@code /ready} says not ready; once Redis is
 * back the nodes recover by themselves, tell their sockets to {@code resync}, and every
 * acknowledged send of a steady load is stored and delivered.
 */
class RedisOutageIT {
  private static final Duration RECOVERY = Duration.ofSeconds(30);
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @TempDir Path dataDirs;
  private EmbeddedMongo mongo;
  private RedisServer redis;
  private ServerProcess first;
  private ServerProcess second;
  private SharedNodes nodes;
  private String alice;
  private String bob;

  @BeforeEach
  void startTwoNodes() {
    mongo = EmbeddedMongo.inMemory();
    redis = RedisServer.start();
    nodes = new SharedNodes(mongo, redis);
    alice = nodes.token("alice");
    bob = nodes.token("bob");
    first = nodes.start(dataDirs.resolve("first"));
    second = nodes.start(dataDirs.resolve("second"));
    new Rest(first.base(), alice).expect(200, "GET", "/api/v1/chat", null);
    new Rest(second.base(), bob).expect(200, "GET", "/api/v1/chat", null);
  }

  @AfterEach
  void stopEverything() {
    for (AutoCloseable part : new AutoCloseable[] {first, second, redis, mongo}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void redisKilledAndRestartedUnderLoad() throws Exception {
    // A restarted Redis has lost the stream the nodes read: each tells its sockets to resync.
    outage(RedisServer::kill, RedisServer::restart, true);
  }

  @Test
  void redisPausedForTenSecondsUnderLoad() throws Exception {
    // Nothing published was lost (sends were refused before publishing): no resync is owed.
    outage(RedisServer::pause, RedisServer::resume, false);
  }

  @Test
  void theBusConnectionsKilledReconnectWithoutLossOrResync() throws Exception {
    Rest aliceOnFirst = new Rest(first.base(), alice);
    aliceOnFirst.expect(201, "POST", "/api/v1/chat/bob/messages", Map.of("text", "before"));
    try (SocketIo bobSocket = SocketIo.connect(second.port(), bob);
        Load load = new Load(List.of(first, second))) {
      load.awaitAcknowledged(20);

      assertThat(redis.killClientsNamed("chat:events-reader"))
          .as("both nodes' readers")
          .isEqualTo(2);
      int acknowledged = load.acknowledged();
      load.awaitAcknowledged(acknowledged + 50);
      load.stop();

      // Every acknowledged send reached Bob's socket on the other node, in order, once.
      List<Long> seqs = new java.util.ArrayList<>();
      int expected = storedClientIds(new Rest(second.base(), bob)).size() - 1;
      for (int i = 0; i < expected; i++) {
        seqs.add(bobSocket.await("message:new", d -> true).path("message").path("seq").asLong());
      }
      assertThat(seqs).isSorted().doesNotHaveDuplicates();
      assertThat(bobSocket.skippedNamed("resync")).isEmpty();
    }
  }

  private void outage(Consumer<RedisServer> stop, Consumer<RedisServer> resume, boolean resync)
      throws Exception {
    Rest aliceOnFirst = new Rest(first.base(), alice);
    Rest bobOnSecond = new Rest(second.base(), bob);
    aliceOnFirst.expect(201, "POST", "/api/v1/chat/bob/messages", Map.of("text", "before"));
    try (SocketIo aliceSocket = SocketIo.connect(first.port(), alice);
        SocketIo bobSocket = SocketIo.connect(second.port(), bob);
        Load load = new Load(List.of(first, second))) {
      load.awaitAcknowledged(20);

      long stopped = System.nanoTime();
      stop.accept(redis);
      Rest.Reply refused = awaitRefusal(aliceOnFirst);
      assertThat(refused.code()).isEqualTo("UNAVAILABLE");
      assertThat(refused.header("Retry-After")).isPresent();
      assertThat(awaitNotReady(second)).isEqualTo(503);
      JsonNode history =
          bobOnSecond.expect(200, "GET", "/api/v1/chat/alice/messages?limit=5", null);
      assertThat(history.path("messages").size()).isPositive();
      JsonNode ack =
          bobSocket.emitWithAck(
              "sendMessage", new JSONObject(Map.of("to", "alice", "text", "while away")));
      assertThat(ack.path("error").path("code").asText())
          .as(ack.toString())
          .isEqualTo("UNAVAILABLE");

      // The outage lasts 10 s whatever the checks above took: the scenario, not a wait for them.
      long left = OUTAGE.toNanos() - (System.nanoTime() - stopped);
      if (left > 0) {
        Thread.sleep(left / 1_000_000);
      }
      resume.accept(redis);
      awaitReady(first);
      awaitReady(second);
      // Whatever Redis lost, each node counts its sockets again: Alice, connected through the
      // outage, is online for Bob on the other node.
      awaitOnline(bobOnSecond, "alice");
      if (resync) {
        aliceSocket.await("resync", d -> true);
        bobSocket.await("resync", d -> true);
      }
      int acknowledged = load.acknowledged();
      load.awaitAcknowledged(acknowledged + 20);
      load.stop();

      JsonNode sent =
          aliceOnFirst
              .expect(201, "POST", "/api/v1/chat/bob/messages", Map.of("text", "after"))
              .path("message");
      bobSocket.await(
          "message:new",
          d -> d.path("message").path("_id").asText().equals(sent.path("_id").asText()));
      Set<String> stored = storedClientIds(bobOnSecond);
      assertThat(stored)
          .as("every acknowledged send is stored")
          .containsAll(load.acknowledgedIds());
    }
  }

  /** Sends until one is refused (the first may wait for Redis' command timeout). */
  private static Rest.Reply awaitRefusal(Rest rest) {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (System.nanoTime() < deadline) {
      Rest.Reply r = rest.post("/api/v1/chat/bob/messages", Map.of("text", "probe"));
      if (r.status() != 201) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(503);
        return r;
      }
    }
    throw new AssertionError("sends never refused while Redis was away");
  }

  private int awaitNotReady(ServerProcess node) throws InterruptedException {
    Rest anyone = new Rest(node.base(), nodes.token("probe"));
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    int status = anyone.get("/ready").status();
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(100); // /ready follows the bus' reads, which notice within a second or two
      status = anyone.get("/ready").status();
    }
    return status;
  }

  private void awaitReady(ServerProcess node) throws InterruptedException {
    Rest anyone = new Rest(node.base(), nodes.token("probe"));
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    int status = anyone.get("/ready").status();
    while (status != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100); // the nodes reconnect on their own backoff: what is under test
      status = anyone.get("/ready").status();
    }
    assertThat(status).as("ready again within " + RECOVERY).isEqualTo(200);
  }

  private static void awaitOnline(Rest rest, String other) throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    boolean online = false;
    while (!online && System.nanoTime() < deadline) {
      online =
          rest.expect(200, "GET", "/api/v1/chat/" + other, null)
              .path("otherUserOnline")
              .asBoolean();
      if (!online) {
        Thread.sleep(100); // presence re-registers on its next heartbeat: what is under test
      }
    }
    assertThat(online).as(other + " online again within " + RECOVERY).isTrue();
  }

  private static Set<String> storedClientIds(Rest rest) {
    Set<String> ids = new HashSet<>();
    String before = "";
    while (true) {
      JsonNode page =
          rest.expect(200, "GET", "/api/v1/chat/alice/messages?limit=100" + before, null);
      JsonNode messages = page.path("messages");
      messages.forEach(m -> ids.add(m.path("clientMessageId").asText()));
      if (!page.path("hasMore").asBoolean() || messages.isEmpty()) {
        return ids;
      }
      before = "&before=" + messages.get(0).path("seq").asLong();
    }
  }

  /** Alice sends to Bob one after another through each node in turn, keeping what was acked. */
  private final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final Thread thread;

    Load(List<ServerProcess> nodes) {
      thread =
          new Thread(
              () -> {
                int n = 0;
                while (running.get()) {
                  String id = "load-" + n;
                  Rest.Reply r =
                      new Rest(nodes.get(n % nodes.size()).base(), alice)
                          .post(
                              "/api/v1/chat/bob/messages",
                              Map.of("text", "load " + n, "clientMessageId", id));
                  if (r.status() == 201 || r.status() == 200) {
                    acknowledged.add(id);
                    count.incrementAndGet();
                  } else {
                    pause();
                  }
                  n++;
                }
              },
              "load");
      thread.start();
    }

    /** A refused send is retried later, not at once: a client honours Retry-After. */
    private static void pause() {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    int acknowledged() {
      return count.get();
    }

    Set<String> acknowledgedIds() {
      return Set.copyOf(acknowledged);
    }

    void awaitAcknowledged(int atLeast) throws InterruptedException {
      long deadline = System.nanoTime() + RECOVERY.toNanos();
      while (count.get() < atLeast && System.nanoTime() < deadline) {
        Thread.sleep(20); // the load's own pace
      }
      assertThat(count.get()).as("acknowledged sends").isGreaterThanOrEqualTo(atLeast);
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(RECOVERY.toMillis());
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
