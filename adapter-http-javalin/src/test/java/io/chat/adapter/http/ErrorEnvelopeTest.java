package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ListChatsQuery;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorEnvelopeTest {
  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  private static void assertEnvelope(Response r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().path("success").asBoolean()).isFalse();
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.json().path("message").asText())
        .isNotBlank()
        .isEqualTo(r.json().path("error").path("message").asText());
  }

  @Test
  void unknownRouteIs404InTheEnvelope() {
    User alice = server.user("Alice");

    assertEnvelope(server.get("/api/v1/nothing-here", alice), 404, "NOT_FOUND");
    assertEnvelope(server.get("/favicon.ico", null), 404, "NOT_FOUND");
  }

  @Test
  void wrongMethodIs405WithAllow() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    Response r = server.put(chat(bob) + "/messages", alice, text("hi"));

    assertEnvelope(r, 405, "METHOD_NOT_ALLOWED");
    assertThat(r.header("Allow")).contains("GET").contains("POST").contains("DELETE");
  }

  @Test
  void malformedJsonIs400() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    assertEnvelope(
        server.post(chat(bob) + "/messages", alice, "{\"text\": \"hi\""), 400, "INVALID_ARGUMENT");
  }

  @Test
  void bodyOver64KibIs413AndNothingIsStored() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    byte[] body = ("{\"text\":\"" + "a".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

    Response r = server.sendBytes("POST", chat(bob) + "/messages", alice, body);

    assertEnvelope(r, 413, "PAYLOAD_TOO_LARGE");
    assertThat(server.get(chat(bob) + "/messages", alice).data().path("messages")).isEmpty();
  }

  @Test
  void everyClientSendingTooMuchGetsIts413() {
    // Answering before the body is read and then closing resets the connection under the client,
    // which was still sending: before the refused body was drained, about 1 in 6 lost the answer.
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String body = "{\"text\":\"" + "a".repeat(HttpApiConfig.DEFAULT_MAX_BODY_BYTES) + "\"}";

    for (int attempt = 0; attempt < 60; attempt++) {
      assertEnvelope(server.post(chat(bob) + "/messages", alice, body), 413, "PAYLOAD_TOO_LARGE");
    }
    assertThat(server.get(chat(bob) + "/messages", alice).data().path("messages")).isEmpty();
  }

  @Test
  void bodyJustUnderTheLimitIsRead() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String padding = " ".repeat(60 * 1024);

    Response r = server.post(chat(bob) + "/messages", alice, "{\"text\":\"fits\"" + padding + "}");

    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void storeOutageIs503AndReadinessSaysSo() {
    InMemoryStoreHealth store = new InMemoryStoreHealth();
    try (TestServer down = new TestServer(TestServer.Storage.inMemory(store))) {
      User alice = down.user("Alice");
      User bob = down.user("Bob");
      store.goDown();

      Response send = down.post(chat(bob) + "/messages", alice, text("hi"));
      Response ready = down.get("/ready", null);
      Response health = down.get("/health", null);

      assertEnvelope(send, 503, "UNAVAILABLE");
      assertThat(send.text()).doesNotContain("simulated outage");
      assertEnvelope(ready, 503, "UNAVAILABLE");
      assertThat(send.header("Retry-After")).isEqualTo("1");
      assertThat(ready.header("Retry-After")).isEqualTo("1");
      assertThat(health.status()).isEqualTo(200);
      store.comeBack();
      assertThat(down.get("/ready", null).status()).isEqualTo(200);
      assertThat(down.post(chat(bob) + "/messages", alice, text("hi")).status()).isEqualTo(201);
    }
  }

  @Test
  void unexpectedFailureIs500WithoutInternals() {
    ListChatsQuery broken =
        (me, page) ->
            CompletableFuture.<ChatPage>failedFuture(
                new IllegalStateException("driver said: connection string mongodb://secret"));
    try (TestServer failing =
        new TestServer(
            u ->
                new ChatUseCases(
                    u.authenticate(),
                    broken,
                    u.openChat(),
                    u.readHistory(),
                    u.sendMessage(),
                    u.markAllSeen(),
                    u.markSeen(),
                    u.clearHistory(),
                    u.toggleMute(),
                    u.muteStatus(),
                    u.blockUser(),
                    u.unblockUser(),
                    u.listBlocked(),
                    u.registerPushToken(),
                    u.removePushToken(),
                    u.listSupportChats(),
                    u.readSupportChat(),
                    u.openSupportChat(),
                    u.replyToSupportChat(),
                    u.updateSupportChat(),
                    u.markSupportChatRead(),
                    u.registerUser(),
                    u.readiness(),
                    u.chats(),
                    u.groups(),
                    u.lifecycle(),
                    u.search(),
                    u.clientRules()),
            1000)) {
      String id = TestServer.newId();
      User alice = new User(id, TestServer.sign(TestServer.claims(id).build()));

      Response r = failing.get("/api/v1/chat", alice);

      assertEnvelope(r, 500, "INTERNAL");
      assertThat(r.text()).doesNotContain("mongodb").doesNotContain("IllegalState");
      assertThat(failing.get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void corsAllowsAConfiguredOriginAndAnswersItsPreflight() {
    Response preflight =
        server.send(
            "OPTIONS",
            "/api/v1/chat",
            null,
            null,
            Map.of(
                "Origin", "https://app.example.test",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type"));
    User alice = server.user("Alice");
    Response get =
        server.send(
            "GET",
            "/api/v1/chat",
            "Bearer " + alice.token(),
            null,
            Map.of("Origin", "https://app.example.test"));

    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin"))
        .isEqualTo("https://app.example.test");
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
    assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.test");
  }

  @Test
  void corsGivesNothingToAnotherOrigin() {
    Response preflight =
        server.send(
            "OPTIONS",
            "/api/v1/chat",
            null,
            null,
            Map.of("Origin", "https://evil.example.test", "Access-Control-Request-Method", "GET"));
    User alice = server.user("Alice");
    Response get =
        server.send(
            "GET",
            "/api/v1/chat",
            "Bearer " + alice.token(),
            null,
            Map.of("Origin", "https://evil.example.test"));

    assertEnvelope(preflight, 403, "FORBIDDEN");
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(get.header("Access-Control-Allow-Origin")).isNull();
  }
}
