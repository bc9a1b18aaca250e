package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for a test class and two clients of it, as two nodes of one deployment have
 * ({@code @RegisterExtension static final TwoRedisNodes NODES = new TwoRedisNodes();}); each test
 * takes keys of its own with {@link #freshPrefix}.
 */
final class TwoRedisNodes implements BeforeAllCallback, AfterAllCallback {
  private final AtomicInteger tests = new AtomicInteger();
  private RedisServer server;
  private RedisStore a;
  private RedisStore b;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RedisServer.start();
    a = done(RedisStore.connect(server.uri()));
    b = done(RedisStore.connect(server.uri()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The first node's client. */
  RedisStore a() {
    return a;
  }

  /** The second node's client, a connection of its own to the same Redis. */
  RedisStore b() {
    return b;
  }

  /** A key prefix no other test of the class uses. */
  String freshPrefix() {
    return "test" + tests.incrementAndGet() + ":";
  }
}
