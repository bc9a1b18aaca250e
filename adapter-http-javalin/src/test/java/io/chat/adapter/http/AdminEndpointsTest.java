package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminEndpointsTest {
  private static final String SUPPORT = "/api/v1/admin/support/chats";
  private static final String SYSTEM = "000000000000000000000001";
  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode openSupportChat(User admin, User user) {
    Response r =
        server.post(
            SUPPORT,
            admin,
            "{\"userId\":\""
                + user.id()
                + "\",\"relatedEntity\":{\"type\":\"trip_verification\",\"refId\":\"trip-42\"},"
                + "\"initialMessage\":\"Hello from support\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.data().path("chat");
  }

  @Test
  void staffOpenASupportChatWithItsEntityAndFirstMessage() {
    User admin = server.admin();
    User user = server.user("Customer");

    JsonNode chat = openSupportChat(admin, user);

    assertThat(chat.path("type").asText()).isEqualTo("admin_support");
    assertThat(chat.path("status").asText()).isEqualTo("waiting_user");
    assertThat(chat.path("relatedEntity").path("type").asText()).isEqualTo("trip_verification");
    assertThat(chat.path("relatedEntity").path("refId").asText()).isEqualTo("trip-42");
    assertThat(chat.path("lastMessage").path("sender").asText()).isEqualTo(SYSTEM);
    JsonNode system = null;
    for (JsonNode p : chat.path("participants")) {
      if (p.path("_id").asText().equals(SYSTEM)) {
        system = p;
      }
    }
    assertThat(system).isNotNull();
    assertThat(system.path("fullName").asText()).isEqualTo("Official Support");
    assertThat(system.path("isVerified").asBoolean()).isTrue();
  }

  @Test
  void staffListReadReplyUpdateAndMarkReadASupportChat() {
    User admin = server.admin();
    User user = server.user("Customer");
    server.post("/api/v1/chat/" + SYSTEM + "/messages", user, text("I need help"));
    String chatId =
        server.get("/api/v1/chat/" + SYSTEM, user).data().path("chat").path("_id").asText();

    Response list = server.get(SUPPORT + "?status=open", admin);
    Response detail = server.get(SUPPORT + "/" + chatId, admin);
    Response reply = server.post(SUPPORT + "/" + chatId + "/messages", admin, text("On it"));
    Response update =
        server.patch(
            SUPPORT + "/" + chatId,
            admin,
            "{\"status\":\"resolved\",\"assignedAdminId\":\"" + admin.id() + "\"}");
    Response markRead = server.post(SUPPORT + "/" + chatId + "/mark-read", admin, null);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.data().path("chats").findValuesAsText("_id")).contains(chatId);
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.data().path("chat").path("_id").asText()).isEqualTo(chatId);
    assertThat(detail.data().path("messages").get(0).path("text").asText())
        .isEqualTo("I need help");
    assertThat(detail.data().has("hasMore")).isTrue();
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.data().path("message").path("sender").asText()).isEqualTo(SYSTEM);
    assertThat(update.status()).isEqualTo(200);
    assertThat(update.data().path("chat").path("status").asText()).isEqualTo("resolved");
    assertThat(update.data().path("chat").path("assignedAdminId").asText()).isEqualTo(admin.id());
    assertThat(markRead.status()).isEqualTo(200);
    assertThat(markRead.data().path("seenUpTo").asLong()).isEqualTo(2);
  }

  @Test
  void staffRegisterAUserAheadOfTime() {
    User admin = server.admin();
    String id = TestServer.newId();

    Response r =
        server.put(
            "/api/v1/admin/users/" + id,
            admin,
            "{\"fullName\":\"Grace Hopper\",\"profilePic\":\"https://example.test/g.png\",\"isVerified\":true}");

    assertThat(r.status()).isEqualTo(200);
    JsonNode user = r.data().path("user");
    assertThat(user.path("_id").asText()).isEqualTo(id);
    assertThat(user.path("fullName").asText()).isEqualTo("Grace Hopper");
    assertThat(user.path("profilePic").asText()).isEqualTo("https://example.test/g.png");
    assertThat(user.path("isVerified").asBoolean()).isTrue();
    User someone = server.user("Someone");
    assertThat(server.get("/api/v1/chat/" + id, someone).status()).isEqualTo(200);
  }

  Stream<Arguments> adminEndpoints() {
    String chatId = TestServer.newId();
    return Stream.of(
        call("list support chats", u -> server.get(SUPPORT, u)),
        call("read a support chat", u -> server.get(SUPPORT + "/" + chatId, u)),
        call(
            "open a support chat",
            u -> server.post(SUPPORT, u, "{\"userId\":\"" + TestServer.newId() + "\"}")),
        call("reply", u -> server.post(SUPPORT + "/" + chatId + "/messages", u, text("x"))),
        call("update", u -> server.patch(SUPPORT + "/" + chatId, u, "{\"status\":\"resolved\"}")),
        call("mark read", u -> server.post(SUPPORT + "/" + chatId + "/mark-read", u, null)),
        call(
            "register a user",
            u ->
                server.put(
                    "/api/v1/admin/users/" + TestServer.newId(), u, "{\"fullName\":\"X\"}")));
  }

  private static Arguments call(String name, Function<User, Response> call) {
    return Arguments.of(name, call);
  }

  @ParameterizedTest(name = "{0} is refused to a user")
  @MethodSource("adminEndpoints")
  void adminEndpointsAreRefusedToUsers(String name, Function<User, Response> call) {
    User user = server.user("Not staff");

    Response r = call.apply(user);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("FORBIDDEN");
    assertThat(r.json().path("success").asBoolean()).isFalse();
  }

  @ParameterizedTest(name = "{0} is refused without a token")
  @MethodSource("adminEndpoints")
  void adminEndpointsAreRefusedWithoutAToken(String name, Function<User, Response> call) {
    Response r = call.apply(new User("x", "not-a-token"));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void nobodyCanSendAsTheSystemUser() {
    User user = server.user("Customer");

    Response r =
        server.post(
            "/api/v1/chat/" + user.id() + "/messages",
            new User(SYSTEM, TestServer.sign(TestServer.claims(SYSTEM).build())),
            text("I am support"));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("FORBIDDEN");
  }

  @Test
  void unknownSupportChatIs404() {
    User admin = server.admin();

    Response r = server.get(SUPPORT + "/" + TestServer.newId(), admin);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("NOT_FOUND");
  }
}
