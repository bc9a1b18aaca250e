package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockingTest {
  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  /** Every chat endpoint, called by {@code me} about {@code other}. */
  Stream<Arguments> chatEndpoints() {
    return Stream.of(
        endpoint("open chat", (me, other) -> server.get(chat(other), me)),
        endpoint("history", (me, other) -> server.get(chat(other) + "/messages", me)),
        endpoint("send", (me, other) -> server.post(chat(other) + "/messages", me, text("hi"))),
        endpoint(
            "mark all seen", (me, other) -> server.post(chat(other) + "/mark-all-seen", me, null)),
        endpoint(
            "mark one seen",
            (me, other) ->
                server.post(chat(other) + "/messages/" + TestServer.newId() + "/seen", me, null)),
        endpoint("clear", (me, other) -> server.delete(chat(other) + "/messages", me)),
        endpoint("mute", (me, other) -> server.post(chat(other) + "/mute", me, null)),
        endpoint("mute status", (me, other) -> server.get(chat(other) + "/mute-status", me)));
  }

  private static Arguments endpoint(String name, BiFunction<User, User, Response> call) {
    return Arguments.of(name, call);
  }

  @ParameterizedTest(name = "{0} is refused to the blocker")
  @MethodSource("chatEndpoints")
  void blockerIsRefusedOnEveryChatEndpoint(String name, BiFunction<User, User, Response> call) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "before the block");
    assertThat(server.post("/api/v1/users/" + bob.id() + "/block", alice, null).status())
        .isEqualTo(200);

    Response r = call.apply(alice, bob);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("BLOCKED");
  }

  @ParameterizedTest(name = "{0} is refused to the blocked user")
  @MethodSource("chatEndpoints")
  void blockedUserIsRefusedOnEveryChatEndpoint(String name, BiFunction<User, User, Response> call) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "before the block");
    server.post("/api/v1/users/" + bob.id() + "/block", alice, null);

    Response r = call.apply(bob, alice);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("BLOCKED");
  }

  @Test
  void blockedUserCannotSendAndNothingIsStored() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "one");
    server.post("/api/v1/users/" + alice.id() + "/block", bob, null);

    Response r = server.post(chat(bob) + "/messages", alice, text("two"));
    server.delete("/api/v1/users/" + alice.id() + "/block", bob);

    assertThat(r.status()).isEqualTo(403);
    assertThat(server.get(chat(bob) + "/messages", alice).data().path("messages")).hasSize(1);
  }

  @Test
  void blockAnswersTheBlockAndTheListShowsIt() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    Response block = server.post("/api/v1/users/" + bob.id() + "/block", alice, null);
    Response list = server.get("/api/v1/users/me/blocked", alice);

    assertThat(block.status()).isEqualTo(200);
    assertThat(block.data().path("userId").asText()).isEqualTo(bob.id());
    assertThat(block.data().path("blocked").asBoolean()).isTrue();
    assertThat(list.data().path("users")).hasSize(1);
    assertThat(list.data().path("users").get(0).path("_id").asText()).isEqualTo(bob.id());
    assertThat(list.data().path("users").get(0).path("fullName").asText()).isEqualTo("Bob");
    assertThat(list.data().has("nextCursor")).isTrue();
  }

  @Test
  void blockingTwiceIsFine() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    server.post("/api/v1/users/" + bob.id() + "/block", alice, null);
    Response again = server.post("/api/v1/users/" + bob.id() + "/block", alice, null);

    assertThat(again.status()).isEqualTo(200);
    assertThat(server.get("/api/v1/users/me/blocked", alice).data().path("users")).hasSize(1);
  }

  @Test
  void blockedChatIsHiddenFromBothListsAndUnblockingRestoresIt() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "hello");
    server.post("/api/v1/users/" + bob.id() + "/block", alice, null);

    Response aliceList = server.get("/api/v1/chat", alice);
    Response bobList = server.get("/api/v1/chat", bob);
    Response unblock = server.delete("/api/v1/users/" + bob.id() + "/block", alice);

    assertThat(aliceList.data().path("chats")).isEmpty();
    assertThat(bobList.data().path("chats")).isEmpty();
    assertThat(unblock.status()).isEqualTo(200);
    assertThat(unblock.data().path("blocked").asBoolean()).isFalse();
    assertThat(server.get("/api/v1/chat", bob).data().path("chats")).hasSize(1);
    assertThat(server.get(chat(alice) + "/messages", bob).data().path("messages")).hasSize(1);
  }

  @Test
  void blockingMyselfIs400() {
    User alice = server.user("Alice");

    Response r = server.post("/api/v1/users/" + alice.id() + "/block", alice, null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
  }
}
