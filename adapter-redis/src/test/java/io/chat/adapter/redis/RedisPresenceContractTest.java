package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;

import io.chat.application.contract.PresenceContract;
import io.chat.application.port.out.Presence;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Presence} contract on a real Redis, through two nodes: two clients of their own, each
 * node with an id of its own, sharing the keys of each test.
 */
class RedisPresenceContractTest extends PresenceContract {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static RedisServer server;
  private static RedisStore nodeA;
  private static RedisStore nodeB;

  private final List<RedisPresence> opened = new ArrayList<>();
  private String prefix;

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

  @AfterEach
  void closePresences() {
    opened.forEach(RedisPresence::close);
  }

  @Override
  protected Presence newPresence() {
    prefix = "test" + TESTS.incrementAndGet() + ":";
    return open(nodeA, "node-a");
  }

  @Override
  protected Presence anotherNodeOf(Presence presence) {
    return open(nodeB, "node-b");
  }

  private RedisPresence open(RedisStore store, String node) {
    RedisPresence presence =
        new RedisPresence(
                store.commands(),
                store.scheduler(),
                prefix,
                node,
                RedisPresence.Timing.DEFAULT,
                user -> {})
            .start();
    opened.add(presence);
    return presence;
  }
}
