package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.application.testing.Await;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two users with two devices each and a bystander, over each transport: every event reaches exactly
 * its audience.
 */
class RealtimeScenarioTest {
  private TestServer server;
  private final List<TestClient> clients = new java.util.ArrayList<>();

  @BeforeEach
  void start() {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    clients.forEach(TestClient::close);
    server.close();
  }

  private TestClient connect(Transport transport, String user) {
    TestClient client = transport.connect(server, user);
    clients.add(client);
    return client;
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aMessageReachesBothDevicesOfBothSidesAndNobodyElse(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");

    JsonNode ack =
        alice1.call(
            "sendMessage",
            TestClient.data().put("to", "bob").put("text", "hi bob").put("clientMessageId", "c-1"));

    assertThat(ack.path("ok").asBoolean()).isTrue();
    JsonNode message = ack.path("message");
    String chatId = ack.path("chatId").asText();
    assertThat(message.path("_id").asText()).hasSize(24);
    assertThat(message.path("chatId").asText()).isEqualTo(chatId);
    assertThat(message.path("sender").asText()).isEqualTo("alice");
    assertThat(message.path("text").asText()).isEqualTo("hi bob");
    assertThat(message.path("seq").asLong()).isEqualTo(1);
    assertThat(message.path("seen").asBoolean()).isFalse();
    assertThat(message.path("clientMessageId").asText()).isEqualTo("c-1");
    assertThat(message.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");

    List.of(alice1, alice2, bob1, bob2, carol).forEach(TestClient::sync);
    for (TestClient alice : List.of(alice1, alice2)) {
      assertThat(alice.chatEvents())
          .extracting(Received::event)
          .containsExactlyInAnyOrder("message:sent", "chat:update", "user:online");
      // The new chat makes them partners: each hears that the other is online.
      assertThat(alice.received("user:online").get(0).data().path("userId").asText())
          .isEqualTo("bob");
      assertThat(alice.received("message:sent").get(0).data().path("message")).isEqualTo(message);
      assertThat(alice.received("chat:update").get(0).data().path("unreadCount").asLong()).isZero();
    }
    for (TestClient bob : List.of(bob1, bob2)) {
      assertThat(bob.chatEvents())
          .extracting(Received::event)
          .containsExactlyInAnyOrder("message:new", "chat:update", "user:online");
      assertThat(bob.received("user:online").get(0).data().path("userId").asText())
          .isEqualTo("alice");
      JsonNode received = bob.received("message:new").get(0).data();
      assertThat(received.path("chatId").asText()).isEqualTo(chatId);
      assertThat(received.path("message").path("_id")).isEqualTo(message.path("_id"));
      JsonNode update = bob.received("chat:update").get(0).data();
      assertThat(update.path("unreadCount").asLong()).isEqualTo(1);
      assertThat(update.path("lastMessage").asText()).isEqualTo("hi bob");
    }
    assertThat(carol.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aRetriedSendAnswersTheStoredMessageAndStoresNothing(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    var send = TestClient.data().put("to", "bob").put("text", "once").put("clientMessageId", "k");

    JsonNode first = alice.call("sendMessage", send);
    JsonNode again = alice.call("sendMessage", send);

    assertThat(again.path("message")).isEqualTo(first.path("message"));
    bob.sync();
    assertThat(bob.received("message:new")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aMessageSentOverRestProducesTheSameEvents(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");

    var rest =
        server.rest(
            "POST", "/api/v1/chat/bob/messages", server.token("alice"), "{\"text\":\"by rest\"}");

    assertThat(rest.statusCode()).isEqualTo(201);
    JsonNode stored = TestClient.parse(rest.body()).path("data").path("message");
    assertThat(alice.await("message:sent").data().path("message")).isEqualTo(stored);
    assertThat(bob.await("message:new").data().path("message").path("_id"))
        .isEqualTo(stored.path("_id"));
    bob.await("chat:update", d -> d.path("unreadCount").asLong() == 1);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aMessageToSupportReachesStaffOnly(Transport transport) {
    TestClient staff = transport.connectWith(server, server.adminToken("agent"));
    clients.add(staff);
    TestClient alice = connect(transport, "alice");
    TestClient carol = connect(transport, "carol");

    JsonNode ack =
        alice.call(
            "sendMessage",
            TestClient.data().put("to", "000000000000000000000001").put("text", "help"));

    assertThat(ack.path("ok").asBoolean()).isTrue();
    JsonNode message = staff.await("admin_support:message:new").data();
    assertThat(message.path("userId").asText()).isEqualTo("alice");
    assertThat(message.path("message").path("text").asText()).isEqualTo("help");
    JsonNode update = staff.await("admin_support:chat:update").data();
    assertThat(update.path("status").asText()).isEqualTo("open");
    carol.sync();
    assertThat(carol.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void presenceCountsDevices(Transport transport) {
    Await.done(server.services.authenticate().authenticate(server.token("alice")));
    Await.done(server.services.authenticate().authenticate(server.token("bob")));
    Await.done(server.services.openChat().openChat(user("alice"), user("bob")));
    TestClient bob = connect(transport, "bob");
    assertThat(bob.await("presence:snapshot").data().path("online")).isEmpty();

    TestClient alice1 = connect(transport, "alice");
    assertThat(alice1.await("presence:snapshot").data().path("online").toString())
        .isEqualTo("[\"bob\"]");
    bob.await("user:online", d -> d.path("userId").asText().equals("alice"));
    TestClient alice2 = connect(transport, "alice");
    alice1.close();
    bob.sync();
    assertThat(bob.received("user:online")).hasSize(1);
    assertThat(bob.received("user:offline")).isEmpty();

    alice2.close();
    bob.await("user:offline", d -> d.path("userId").asText().equals("alice"));
    bob.sync();
    assertThat(bob.received("user:online")).hasSize(1);
    assertThat(bob.received("user:offline")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void typingReachesTheOtherSideOnly(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    String chatId =
        alice1
            .call("sendMessage", TestClient.data().put("to", "bob").put("text", "x"))
            .path("chatId")
            .asText();

    JsonNode ack = alice1.call("typing", TestClient.data().put("to", "bob").put("isTyping", true));

    assertThat(ack.path("ok").asBoolean()).isTrue();
    assertThat(ack.path("relayed").asBoolean()).isTrue();
    for (TestClient bob : List.of(bob1, bob2)) {
      JsonNode typing = bob.await("typing").data();
      assertThat(typing.path("from").asText()).isEqualTo("alice");
      assertThat(typing.path("chatId").asText()).isEqualTo(chatId);
      assertThat(typing.path("isTyping").asBoolean()).isTrue();
    }
    List.of(alice1, alice2, carol).forEach(TestClient::sync);
    assertThat(alice1.received("typing")).isEmpty();
    assertThat(alice2.received("typing")).isEmpty();
    assertThat(carol.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void seenMovesTheReadMarkAndTellsTheSender(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    JsonNode first =
        bob1.call("sendMessage", TestClient.data().put("to", "alice").put("text", "1"));
    JsonNode second =
        bob1.call("sendMessage", TestClient.data().put("to", "alice").put("text", "2"));
    String chatId = first.path("chatId").asText();

    JsonNode ack =
        alice.call(
            "seen",
            TestClient.data()
                .put("to", "bob")
                .put("messageId", first.path("message").path("_id").asText())
                .put("chatId", chatId));

    assertThat(ack.path("ok").asBoolean()).isTrue();
    assertThat(ack.path("seenUpTo").asLong()).isEqualTo(1);
    for (TestClient bob : List.of(bob1, bob2)) {
      JsonNode seen = bob.await("seen").data();
      assertThat(seen.path("from").asText()).isEqualTo("alice");
      assertThat(seen.path("chatId").asText()).isEqualTo(chatId);
      assertThat(seen.path("messageId")).isEqualTo(first.path("message").path("_id"));
      assertThat(seen.path("seq").asLong()).isEqualTo(1);
    }

    var rest = server.rest("POST", "/api/v1/chat/bob/mark-all-seen", server.token("alice"), null);
    assertThat(rest.statusCode()).isEqualTo(200);
    assertThat(TestClient.parse(rest.body()).path("data").path("seenUpTo").asLong()).isEqualTo(2);

    for (TestClient bob : List.of(bob1, bob2)) {
      JsonNode seen = bob.await("seen", d -> d.path("seq").asLong() == 2).data();
      assertThat(seen.path("messageId")).isEqualTo(second.path("message").path("_id"));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void blockedPairsExchangeNothing(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    alice.call("sendMessage", TestClient.data().put("to", "bob").put("text", "before"));
    Await.done(server.services.blockUser().block(user("bob"), user("alice")));
    // From the block on, each looks offline to the other.
    bob.await("user:offline", d -> d.path("userId").asText().equals("alice"));
    alice.await("user:offline", d -> d.path("userId").asText().equals("bob"));
    bob.clear();
    alice.clear();

    JsonNode send = alice.call("sendMessage", TestClient.data().put("to", "bob").put("text", "x"));
    JsonNode typing = alice.call("typing", TestClient.data().put("to", "bob"));
    JsonNode back = bob.call("sendMessage", TestClient.data().put("to", "alice").put("text", "y"));

    assertThat(send.path("error").path("code").asText()).isEqualTo("BLOCKED");
    assertThat(typing.path("ok").asBoolean()).isFalse();
    assertThat(back.path("error").path("code").asText()).isEqualTo("BLOCKED");
    alice.sync();
    bob.sync();
    assertThat(bob.chatEvents()).isEmpty();
    assertThat(alice.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSocketIsClosedWhenItsTokenExpires(Transport transport) throws Exception {
    String token = server.tokenExpiringAt("alice", Instant.now().plusMillis(1500));
    TestClient alice = transport.connectWith(server, token);
    clients.add(alice);
    TestClient bob = connect(transport, "bob");

    String reason = alice.disconnected().get(10, TimeUnit.SECONDS);

    assertThat(reason)
        .isEqualTo(
            transport == Transport.PLAIN_WEBSOCKET ? "4401 Token expired" : "io server disconnect");
    assertThat(bob.isConnected()).isTrue();
    bob.sync();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anEventWithoutAckThatFailsIsAnsweredWithMessageError(Transport transport) {
    TestClient alice = connect(transport, "alice");

    alice.emit(
        "sendMessage",
        TestClient.data().put("to", "nobody-known").put("text", "x").put("clientMessageId", "m-9"));

    JsonNode error = alice.await("message:error").data();
    assertThat(error.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(error.path("clientMessageId").asText()).isEqualTo("m-9");
  }

  private static UserId user(String id) {
    return UserId.of(id);
  }
}
