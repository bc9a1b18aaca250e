package io.chat.adapter.ws;

import io.chat.adapter.http.HttpApiConfig;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's deadlines for slow requests are not for WebSockets: a socket that only listens (it
 * sends nothing after its upgrade) stays connected however long it is silent.
 */
class SilentSocketsTest {
  private static final Duration WINDOW = Duration.ofMillis(300);

  private final TestServer server =
      new TestServer(
          TestServer.settings(),
          new InProcessSendRateLimit(Clock.systemUTC()),
          new InProcessPresence(),
          HttpApiConfig.defaults()
              .withClientDeadlines(new HttpApiConfig.ClientDeadlines(WINDOW, WINDOW)));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listeningSocketsOutliveTheHttpDeadlinesOnEveryTransport() throws Exception {
    List<TestClient> listeners =
        List.of(
            Transport.PLAIN_WEBSOCKET.connect(server, "bob"),
            Transport.SOCKET_IO_WEBSOCKET.connect(server, "bob"));
    TestClient alice = Transport.PLAIN_WEBSOCKET.connect(server, "alice");
    try {
      Thread.sleep(WINDOW.multipliedBy(4).toMillis()); // silent for several windows: the point
      server.send("alice", "bob", "still listening");
      for (TestClient bob : listeners) {
        bob.await(
            "message:new", d -> d.path("message").path("text").asText().equals("still listening"));
      }
    } finally {
      alice.close();
      listeners.forEach(TestClient::close);
    }
  }
}
