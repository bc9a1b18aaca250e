package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The test fixture itself: skipped or failed without the binary, and its faults. */
class RedisServerTest {
  private static final Path MISSING = Path.of("/nonexistent/redis-server");

  @Test
  void withoutRedisServerATestIsSkippedSayingHowToInstallIt() {
    assertThatThrownBy(() -> RedisServer.require(MISSING, null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("apt-get install -y redis-server");
  }

  @Test
  void withoutRedisServerInCiATestFails() {
    assertThatThrownBy(() -> RedisServer.require(MISSING, "true"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("never skip");
  }

  @Test
  void aKilledServerRestartsEmptyOnTheSamePort() {
    try (RedisServer server = RedisServer.start()) {
      int port = server.port();
      long pid = server.pid();
      assertThat(ping(server)).isEqualTo("PONG");

      server.kill();
      assertThat(server.isRunning()).isFalse();
      server.restart();

      assertThat(server.port()).isEqualTo(port);
      assertThat(server.pid()).isNotEqualTo(pid);
      assertThat(ping(server)).isEqualTo("PONG");
    }
  }

  @Test
  void aPausedServerAnswersOnlyOnceResumed() throws InterruptedException {
    try (RedisServer server = RedisServer.start()) {
      RedisClient client = RedisClient.create(server.uri());
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        server.pause();
        RedisFuture<String> pong = connection.async().ping();

        assertThat(pong.await(300, TimeUnit.MILLISECONDS)).as("an answer while paused").isFalse();
        server.resume();
        assertThat(done(pong)).as("the same command, answered once resumed").isEqualTo("PONG");
      } finally {
        client.shutdown();
      }
    }
  }

  private static String ping(RedisServer server) {
    RedisClient client = RedisClient.create(server.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().ping();
    } finally {
      client.shutdown();
    }
  }
}
