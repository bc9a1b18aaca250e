package io.chat.adapter.ws;

import static io.chat.adapter.ws.Sockets.quiet;
import static io.chat.adapter.ws.Sockets.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.out.ChatEvent;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import io.socket.client.IO;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compact mode over each transport: a client that asked for it when it connected gets a message's
 * list entry inside {@code message:new} / {@code message:sent} (staff: inside {@code
 * admin_support:message:new}) as the field {@code chat}, instead of a {@code chat:update} of its
 * own; the other clients, on the same users, get both frames as before. The message itself is the
 * same text in the ack and in every event that carries it.
 */
class CompactModeTest {
  private static final String SUPPORT = "000000000000000000000001";

  private final Sockets sockets = new Sockets();
  private final TestServer server = sockets.server;

  @AfterEach
  void close() {
    sockets.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCompactDeviceGetsTheListEntryInItsMessageEventAndTheOtherDeviceBothEvents(
      Transport transport) {
    TestClient alice = sockets.connectCompact(transport, "alice");
    TestClient aliceBefore = sockets.connect(transport, "alice");
    TestClient bob = sockets.connectCompact(transport, "bob");
    TestClient bobBefore = sockets.connect(transport, "bob");
    introduce(alice, "bob", alice, aliceBefore, bob, bobBefore);

    JsonNode ack = alice.call("sendMessage", message("bob", "hi bob"));

    sync(alice, aliceBefore, bob, bobBefore);
    assertThat(events(alice)).containsExactly("message:sent");
    assertThat(events(bob)).containsExactly("message:new");
    assertThat(events(aliceBefore)).containsExactly("message:sent", "chat:update");
    assertThat(events(bobBefore)).containsExactly("message:new", "chat:update");
    JsonNode sent = Sockets.once(alice, "message:sent");
    JsonNode fresh = Sockets.once(bob, "message:new");
    assertThat(sent.path("chat").path("unreadCount").asLong()).isZero();
    // Unread: the introduction's message and this one.
    assertThat(fresh.path("chat").path("unreadCount").asLong()).isEqualTo(2);
    assertThat(fresh.path("chat").path("lastMessage").asText()).isEqualTo("hi bob");
    assertMerged(sent, aliceBefore, "message:sent", "chat:update");
    assertMerged(fresh, bobBefore, "message:new", "chat:update");
    // The sender's and the recipient's views are equal: one message for the ack and every event.
    assertThat(sent.path("message")).isEqualTo(ack.path("message"));
    assertThat(fresh.path("message")).isEqualTo(ack.path("message"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSendBetweenTwoUsersOfTwoDevicesEachIsFiveFramesCompactAndNineOtherwise(
      Transport transport) {
    assertThat(framesOfOneSend(transport, true, "alice", "bob")).isEqualTo(5);
    assertThat(framesOfOneSend(transport, false, "carol", "dave")).isEqualTo(9);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void compactStaffGetTheDeskEntryInTheSupportMessage(Transport transport) {
    TestClient staff =
        sockets.adopt(transport.connectWith(server, server.adminToken("agent"), true));
    TestClient staffBefore =
        sockets.adopt(transport.connectWith(server, server.adminToken("agent-2"), false));
    TestClient alice = sockets.connectCompact(transport, "alice");

    JsonNode ack = alice.call("sendMessage", message(SUPPORT, "help"));

    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
    sync(staff, staffBefore, alice);
    assertThat(deskEvents(staff)).containsExactly("admin_support:message:new");
    assertThat(deskEvents(staffBefore))
        .containsExactly("admin_support:message:new", "admin_support:chat:update");
    JsonNode desk = Sockets.once(staff, "admin_support:message:new");
    assertThat(desk.path("userId").asText()).isEqualTo("alice");
    assertThat(desk.path("chat").path("status").asText()).isEqualTo("open");
    assertThat(desk.path("chat").path("unreadCount").asLong()).isEqualTo(1);
    assertThat(desk.path("chat").has("userId")).isFalse();
    assertMerged(desk, staffBefore, "admin_support:message:new", "admin_support:chat:update");
    assertThat(events(alice)).containsExactly("message:sent");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aGroupEntryReachesCompactMembersAsOneFrameAndTheOthersAsTwo(Transport transport) {
    TestClient alice = sockets.connectCompact(transport, "alice");
    TestClient bob = sockets.connectCompact(transport, "bob");
    TestClient carol = sockets.connect(transport, "carol");
    String group = server.createGroup("alice", "bob", "carol");
    quiet(alice, bob, carol);

    JsonNode ack =
        alice.call(
            "sendMessage", TestClient.data().put("chatId", group).put("text", "hello group"));

    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
    sync(alice, bob, carol);
    assertThat(events(alice)).containsExactly("message:sent");
    assertThat(events(bob)).containsExactly("message:new");
    assertThat(events(carol)).containsExactly("message:new", "chat:update");
    JsonNode fresh = Sockets.once(bob, "message:new");
    assertThat(fresh.path("chat").path("lastMessage").asText()).isEqualTo("hello group");
    assertThat(fresh.path("chat").has("unreadCount")).as("a group's entry has no count").isFalse();
    assertMerged(fresh, carol, "message:new", "chat:update");
    assertThat(Sockets.once(alice, "message:sent").path("chat")).isEqualTo(fresh.path("chat"));
  }

  @Test
  void aPlainWebSocketClientAsksByTheHeaderTooAndNotWithAnotherValue() {
    TestClient byHeader =
        sockets.adopt(
            WsClient.connect(
                server.port(),
                "?token=" + server.token("bob"),
                Map.of("X-Chat-Compact", "1"),
                "bob by header"));
    TestClient saidNo =
        sockets.adopt(
            WsClient.connect(
                server.port(), "?token=" + server.token("bob") + "&compact=0", Map.of(), "bob"));

    server.send("alice", "bob", "hi");

    sync(byHeader, saidNo);
    assertThat(events(byHeader)).containsExactly("message:new");
    assertThat(events(saidNo)).containsExactly("message:new", "chat:update");
  }

  @Test
  void aSocketIoClientAsksByTheHandshakeQueryToo() {
    IO.Options options = SioClient.options(SioClient.Transport.WEBSOCKET);
    options.auth = Map.of("token", server.token("bob"));
    options.query = "compact=1";
    TestClient byQuery = sockets.adopt(SioClient.connect(server.port(), options, "bob by query"));

    server.send("alice", "bob", "hi");

    sync(byQuery);
    assertThat(events(byQuery)).containsExactly("message:new");
    assertThat(Sockets.once(byQuery, "message:new").path("chat").path("lastMessage").asText())
        .isEqualTo("hi");
  }

  @Test
  void aSocketIoClientAsksWithTheBooleanOfABrowsersAuth() {
    try (RawEngineIo raw = RawEngineIo.open(server.port(), true)) {
      raw.connectAppWith("{\"token\":\"" + server.token("bob") + "\",\"compact\":true}");

      server.send("alice", "bob", "hi");

      String packet = raw.await(p -> p.startsWith("42/app,[\"message:new\""));
      JsonNode data = TestClient.parse(packet.substring("42/app,".length())).path(1);
      assertThat(data.path("chat").path("lastMessage").asText()).isEqualTo("hi");
    }
  }

  @Test
  void eventsThatDoNotBelongTogetherReachACompactClientAsTwoFrames() {
    TestClient bob = sockets.connectCompact(Transport.PLAIN_WEBSOCKET, "bob");
    ChatId chat = ChatId.of("65a000000000000000000001");
    ChatId other = ChatId.of("65a000000000000000000002");
    MessageView view =
        new MessageView(
            MessageId.of("65a0000000000000000000a1"),
            chat,
            UserId.of("alice"),
            "hi",
            Instant.parse("2024-01-01T00:00:00Z"),
            1,
            false,
            Optional.empty());

    server
        .realtime
        .events()
        .toUser(
            UserId.of("bob"),
            new ChatEvent.MessageNew(chat, view),
            new ChatEvent.ChatUpdate(other, Optional.of("hi"), view.timestamp(), 1));

    sync(bob);
    assertThat(events(bob)).containsExactly("message:new", "chat:update");
    assertThat(Sockets.once(bob, "message:new").has("chat")).isFalse();
  }

  /** The first message between them makes them partners: then nothing is left to arrive. */
  private static void introduce(TestClient from, String to, TestClient... everybody) {
    from.call("sendMessage", message(to, "first"));
    quiet(everybody);
  }

  private static ObjectNode message(String to, String text) {
    return TestClient.data().put("to", to).put("text", text);
  }

  /**
   * Frames (the ack included) that two devices of {@code sender} and two of {@code recipient},
   * {@code compact} or not, get for one send from the first device.
   */
  private int framesOfOneSend(
      Transport transport, boolean compact, String sender, String recipient) {
    List<TestClient> devices = new ArrayList<>();
    for (String user : List.of(sender, sender, recipient, recipient)) {
      devices.add(sockets.adopt(transport.connectWith(server, server.token(user), compact)));
    }
    introduce(devices.get(0), recipient, devices.toArray(TestClient[]::new));
    JsonNode ack = devices.get(0).call("sendMessage", message(recipient, "counted"));
    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
    sync(devices.toArray(TestClient[]::new));
    return 1 + devices.stream().mapToInt(device -> device.chatEvents().size()).sum();
  }

  /**
   * {@code merged} is what {@code before} got as two events: the message event with the list entry
   * (but the fields the message event has already) as its field {@code chat}.
   */
  private static void assertMerged(
      JsonNode merged, TestClient before, String messageEvent, String entryEvent) {
    ObjectNode message = merged.deepCopy();
    ObjectNode chat = (ObjectNode) message.remove("chat");
    assertThat(Sockets.once(before, messageEvent)).isEqualTo(message);
    ObjectNode entry = Sockets.once(before, entryEvent).deepCopy();
    entry.remove(List.of("chatId", "userId"));
    assertThat(chat).isEqualTo(entry);
  }

  private static List<String> events(TestClient client) {
    return client.chatEvents().stream().map(Received::event).toList();
  }

  private static List<String> deskEvents(TestClient client) {
    return events(client).stream().filter(e -> e.startsWith("admin_support:")).toList();
  }
}
