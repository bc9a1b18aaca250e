package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inprocess.InProcessSendRateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Engine.IO session is anonymous until it joins {@code /app} with a token: it gets as long to do
 * so as a silent client gets to answer a ping, then the server closes it. Joined sessions stay.
 */
class AnonymousSessionsTest {
  /** Long: no ping happens during a test, so what closes a session is the connect deadline. */
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  private static final Duration DEADLINE = Duration.ofMillis(500);

  private TestServer server;

  @BeforeEach
  void start() {
    server =
        new TestServer(
            TestServer.settings().withHeartbeat(INTERVAL, DEADLINE),
            new InProcessSendRateLimit(Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aSessionThatNeverJoinsAppIsClosedAtTheDeadlineWithoutAPing() throws Exception {
    try (RawEngineIo.OverWebSocket anonymous =
        (RawEngineIo.OverWebSocket) RawEngineIo.open(server.port(), true)) {
      String closed = anonymous.closed().get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      assertThat(closed).isNotNull();
      assertThat(anonymous.packets())
          .as("closed by the deadline, not the heartbeat")
          .doesNotContain("2");
    }
  }

  @Test
  void aSessionThatJoinedAppOutlivesTheDeadline() throws Exception {
    try (TestClient bob = Transport.PLAIN_WEBSOCKET.connect(server, "bob");
        RawEngineIo.OverWebSocket joined =
            (RawEngineIo.OverWebSocket) RawEngineIo.open(server.port(), true)) {
      joined.connectApp(server.token("alice"));
      // Opened later, so its deadline passes after the joined session's would have.
      try (RawEngineIo.OverWebSocket later =
          (RawEngineIo.OverWebSocket) RawEngineIo.open(server.port(), true)) {
        later.closed().get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }

      assertThat(joined.closed()).isNotDone();
      server.send("bob", "alice", "still here");
      joined.await(p -> p.startsWith("42/app,[\"message:new\"") && p.contains("still here"));
      bob.await("message:sent", d -> d.path("message").path("text").asText().equals("still here"));
    }
  }
}
