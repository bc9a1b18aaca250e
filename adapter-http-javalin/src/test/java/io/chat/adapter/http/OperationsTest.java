package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {
  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void healthAnswersUpInTheEnvelope() {
    Response r = server.get("/health", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("success").asBoolean()).isTrue();
    assertThat(r.data().path("status").asText()).isEqualTo("up");
  }

  @Test
  void readyAnswersReadyWhileTheStoreAnswers() {
    Response r = server.get("/ready", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("status").asText()).isEqualTo("ready");
  }

  @Test
  void metricsCountRequestsByRoutePatternAndMessagesSent() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "counted");
    server.get(chat(bob) + "/messages", alice);

    Response r = server.get("/metrics", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.text())
        .contains("http_server_requests_seconds_count")
        .contains("route=\"/api/v1/chat/{otherUserId}/messages\"")
        .doesNotContain("route=\"/api/v1/chat/" + bob.id())
        .containsPattern("chat_messages_sent_total\\{transport=\"rest\"} [1-9]");
  }

  @Test
  void unknownRoutesAreCountedUnderOneLabel() {
    server.get("/no/such/" + TestServer.newId(), null);

    assertThat(server.get("/metrics", null).text()).contains("route=\"unmatched\"");
  }
}
