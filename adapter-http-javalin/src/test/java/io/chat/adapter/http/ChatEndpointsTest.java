package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatEndpointsTest {
  private static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
  TestServer server;

  /** The server the suite runs on: the in-memory ports here, another storage in a subclass. */
  TestServer newServer() {
    return new TestServer();
  }

  /** Closes what a subclass's storage holds, after the server. */
  void closeStorage() {}

  @BeforeAll
  void start() {
    server = newServer();
  }

  @AfterAll
  void stop() {
    server.close();
    closeStorage();
  }

  @Test
  void sendAnswers201WithTheMessageInTheProtocolShape() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    Response r =
        server.post(
            chat(bob) + "/messages",
            alice,
            "{\"text\":\"  hi < there  \",\"clientMessageId\":\"c-1\"}");

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().path("success").asBoolean()).isTrue();
    assertThat(r.json().path("message").asText()).isNotBlank();
    JsonNode m = r.data().path("message");
    assertThat(m.path("_id").asText()).matches("[0-9a-f]{24}");
    assertThat(m.path("chatId").asText()).matches("[0-9a-f]{24}");
    assertThat(m.path("sender").asText()).isEqualTo(alice.id());
    assertThat(m.path("text").asText()).isEqualTo("hi < there");
    assertThat(m.path("timestamp").asText()).matches(ISO_MILLIS);
    assertThat(m.path("seq").asLong()).isEqualTo(1);
    assertThat(m.path("seen").asBoolean()).isFalse();
    assertThat(m.path("delivered").isBoolean()).isTrue();
    assertThat(m.path("delivered").asBoolean()).isFalse();
    assertThat(m.path("clientMessageId").asText()).isEqualTo("c-1");
  }

  @Test
  void messageWithoutClientMessageIdHasNoSuchField() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    JsonNode m = server.sendText(alice, bob, "hello");

    assertThat(m.has("clientMessageId")).isFalse();
  }

  @Test
  void repeatedClientMessageIdAnswers200WithTheStoredMessageAndStoresNothing() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String body = "{\"text\":\"once\",\"clientMessageId\":\"retry-1\"}";

    Response first = server.post(chat(bob) + "/messages", alice, body);
    Response second = server.post(chat(bob) + "/messages", alice, body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.data().path("message").path("_id").asText())
        .isEqualTo(first.data().path("message").path("_id").asText());
    JsonNode history = server.get(chat(bob) + "/messages", alice).data().path("messages");
    assertThat(history).hasSize(1);
  }

  @Test
  void openChatAnswersTheChatShapeWithBothParticipants() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    Response r = server.get(chat(bob), alice);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("otherUserOnline").isBoolean()).isTrue();
    JsonNode c = r.data().path("chat");
    assertThat(c.path("_id").asText()).matches("[0-9a-f]{24}");
    assertThat(c.path("type").asText()).isEqualTo("user_chat");
    assertThat(c.path("participants")).hasSize(2);
    List<String> names = new ArrayList<>();
    for (JsonNode p : c.path("participants")) {
      assertThat(p.path("_id").isTextual()).isTrue();
      assertThat(p.has("profilePic")).isTrue();
      assertThat(p.path("isVerified").isBoolean()).isTrue();
      names.add(p.path("fullName").asText());
    }
    assertThat(names).containsExactlyInAnyOrder("Alice", "Bob");
    assertThat(c.path("lastMessage").isNull()).isTrue();
    assertThat(c.path("messages")).isEmpty();
    assertThat(c.path("unreadCount").asLong()).isZero();
    assertThat(c.path("muted").asBoolean()).isFalse();
    assertThat(c.path("mutedUntil").isNull()).isTrue();
    assertThat(c.has("status")).isTrue();
    assertThat(c.has("relatedEntity")).isTrue();
    assertThat(c.has("assignedAdminId")).isTrue();
    assertThat(c.path("createdAt").asText()).matches(ISO_MILLIS);
    assertThat(c.path("updatedAt").asText()).matches(ISO_MILLIS);
    assertThat(c.path("archived").isBoolean()).isTrue();
    assertThat(c.path("archived").asBoolean()).isFalse();
    assertThat(c.path("lastChange").isIntegralNumber()).isTrue();
    assertThat(c.path("lastChange").asLong()).isZero();
  }

  @Test
  void openingAChatWithAnUnknownUserIs404() {
    User alice = server.user("Alice");

    Response r = server.get("/api/v1/chat/" + TestServer.newId(), alice);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void openingAChatWithMyselfIs400() {
    User alice = server.user("Alice");

    Response r = server.get("/api/v1/chat/" + alice.id(), alice);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void chatListShowsTheChatWithItsLastMessageAndUnreadCount() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "one");
    server.sendText(alice, bob, "two");

    Response r = server.get("/api/v1/chat", bob);

    assertThat(r.status()).isEqualTo(200);
    JsonNode chats = r.data().path("chats");
    assertThat(chats).hasSize(1);
    assertThat(chats.get(0).path("unreadCount").asLong()).isEqualTo(2);
    assertThat(chats.get(0).path("lastMessage").path("text").asText()).isEqualTo("two");
    assertThat(chats.get(0).path("messages")).hasSize(1);
    assertThat(r.data().has("nextCursor")).isTrue();
  }

  @Test
  void chatListPagesWithACursor() {
    User me = server.user("Me");
    for (int i = 0; i < 3; i++) {
      server.sendText(server.user("Friend " + i), me, "hello " + i);
    }

    Response first = server.get("/api/v1/chat?limit=2", me);
    String cursor = first.data().path("nextCursor").asText();
    Response second = server.get("/api/v1/chat?limit=2&cursor=" + cursor, me);

    assertThat(first.data().path("chats")).hasSize(2);
    assertThat(cursor).isNotBlank();
    assertThat(second.data().path("chats")).hasSize(1);
    assertThat(second.data().path("nextCursor").isNull()).isTrue();
  }

  @Test
  void historyPagesBackwardsWithBeforeAndForwardsWithAfter() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    for (int i = 1; i <= 5; i++) {
      server.sendText(alice, bob, "m" + i);
    }

    Response latest = server.get(chat(alice) + "/messages?limit=2", bob);
    Response before = server.get(chat(alice) + "/messages?limit=2&before=4", bob);
    Response after = server.get(chat(alice) + "/messages?limit=10&after=3", bob);

    assertThat(seqs(latest)).containsExactly(4L, 5L);
    assertThat(latest.data().path("hasMore").asBoolean()).isTrue();
    assertThat(seqs(before)).containsExactly(2L, 3L);
    assertThat(before.data().path("hasMore").asBoolean()).isTrue();
    assertThat(seqs(after)).containsExactly(4L, 5L);
    assertThat(after.data().path("hasMore").asBoolean()).isFalse();
  }

  @Test
  void markAllSeenMovesTheReadMarkAndTheSenderSeesSeen() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "a");
    server.sendText(alice, bob, "b");

    Response r = server.post(chat(alice) + "/mark-all-seen", bob, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("seenUpTo").asLong()).isEqualTo(2);
    JsonNode mine = server.get(chat(bob) + "/messages", alice).data().path("messages");
    assertThat(mine.get(1).path("seen").asBoolean()).isTrue();
    assertThat(
            server
                .get("/api/v1/chat", bob)
                .data()
                .path("chats")
                .get(0)
                .path("unreadCount")
                .asLong())
        .isZero();
  }

  @Test
  void markOneSeenMovesTheReadMarkToThatMessage() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    JsonNode first = server.sendText(alice, bob, "a");
    server.sendText(alice, bob, "b");

    Response r =
        server.post(chat(alice) + "/messages/" + first.path("_id").asText() + "/seen", bob, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("seenUpTo").asLong()).isEqualTo(1);
  }

  @Test
  void clearHidesTheHistoryForMeOnly() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "a");
    server.sendText(bob, alice, "b");

    Response r = server.delete(chat(bob) + "/messages", alice);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("clearedUpTo").asLong()).isEqualTo(2);
    assertThat(server.get(chat(bob) + "/messages", alice).data().path("messages")).isEmpty();
    assertThat(server.get(chat(alice) + "/messages", bob).data().path("messages")).hasSize(2);
  }

  @Test
  void muteTogglesAndMuteStatusTellsIt() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "a");

    Response muted = server.post(chat(bob) + "/mute", alice, null);
    Response status = server.get(chat(bob) + "/mute-status", alice);
    Response unmuted = server.post(chat(bob) + "/mute", alice, "{}");

    assertThat(muted.status()).isEqualTo(200);
    assertThat(muted.data().path("muted").asBoolean()).isTrue();
    assertThat(muted.data().path("mutedUntil").isNull()).isTrue();
    assertThat(status.data().path("muted").asBoolean()).isTrue();
    assertThat(unmuted.data().path("muted").asBoolean()).isFalse();
  }

  @Test
  void muteUntilAnInstantAnswersThatInstantWithMillis() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "a");
    Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    Response r = server.post(chat(bob) + "/mute", alice, "{\"until\":\"" + until + "\"}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("muted").asBoolean()).isTrue();
    assertThat(r.data().path("mutedUntil").asText()).matches(ISO_MILLIS);
    assertThat(Instant.parse(r.data().path("mutedUntil").asText())).isEqualTo(until);
  }

  @Test
  void pushTokenRegistersAndIsRemoved() {
    User alice = server.user("Alice");

    Response put =
        server.put(
            "/api/v1/users/me/push-token",
            alice,
            "{\"token\":\"ExponentPushToken[abc]\",\"platform\":\"ios\"}");
    Response delete =
        server.delete(
            "/api/v1/users/me/push-token", alice, "{\"token\":\"ExponentPushToken[abc]\"}");

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.data().path("token").asText()).isEqualTo("ExponentPushToken[abc]");
    assertThat(put.data().path("platform").asText()).isEqualTo("ios");
    assertThat(delete.status()).isEqualTo(200);
    assertThat(
            io.chat.application.testing.Await.done(
                server.pushTokens.tokensOf(io.chat.domain.user.UserId.of(alice.id()))))
        .isEmpty();
  }

  @Test
  void rateLimitedSendIs429WithRetryAfter() {
    try (TestServer limited = new TestServer(u -> u, 2)) {
      User alice = limited.user("Alice");
      User bob = limited.user("Bob");
      limited.sendText(alice, bob, "1");
      limited.sendText(alice, bob, "2");

      Response r = limited.post(chat(bob) + "/messages", alice, text("3"));

      assertThat(r.status()).isEqualTo(429);
      assertThat(r.code()).isEqualTo("RATE_LIMITED");
      assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
      assertThat(limited.get(chat(bob) + "/messages", alice).data().path("messages")).hasSize(2);
    }
  }

  private static List<Long> seqs(Response r) {
    List<Long> out = new ArrayList<>();
    r.data().path("messages").forEach(m -> out.add(m.path("seq").asLong()));
    return out;
  }
}
