package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A group over each transport: events by {@code chatId} reach exactly the group's current members'
 * devices, and a removed member's devices get the removal and then nothing.
 */
class RealtimeGroupTest {
  private TestServer server;
  private final List<TestClient> clients = new ArrayList<>();

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
  void aGroupMessageReachesEveryMembersDevicesAndNobodyElse(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    TestClient dave = connect(transport, "dave");
    String group = server.createGroup("alice", "bob", "carol");
    List.of(alice, bob1, bob2, carol, dave).forEach(TestClient::sync);
    List.of(alice, bob1, bob2, carol, dave).forEach(TestClient::clear);

    JsonNode ack =
        bob1.call(
            "sendMessage",
            TestClient.data()
                .put("chatId", group)
                .put("text", "hello group")
                .put("clientMessageId", "g-1"));

    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
    assertThat(ack.path("chatId").asText()).isEqualTo(group);
    assertThat(ack.path("message").path("seq").asLong()).isEqualTo(2);
    List.of(alice, bob1, bob2, carol, dave).forEach(TestClient::sync);
    for (TestClient bob : List.of(bob1, bob2)) {
      assertThat(bob.chatEvents())
          .extracting(Received::event)
          .containsExactly("message:sent", "chat:update");
    }
    for (TestClient other : List.of(alice, carol)) {
      assertThat(other.chatEvents())
          .extracting(Received::event)
          .containsExactly("message:new", "chat:update");
      JsonNode update = other.received("chat:update").get(0).data();
      assertThat(update.path("lastMessage").asText()).isEqualTo("hello group");
      assertThat(update.has("unreadCount")).isFalse();
    }
    assertThat(dave.chatEvents()).isEmpty();

    JsonNode typing =
        carol.call("typing", TestClient.data().put("chatId", group).put("isTyping", true));
    JsonNode seen = alice.call("seen", TestClient.data().put("chatId", group));
    List.of(alice, bob1, carol, dave).forEach(TestClient::sync);

    assertThat(typing.path("relayed").asBoolean()).isTrue();
    assertThat(bob1.received("typing")).hasSize(1);
    assertThat(alice.received("typing").get(0).data().path("from").asText()).isEqualTo("carol");
    assertThat(carol.received("typing")).isEmpty();
    assertThat(seen.path("seenUpTo").asLong()).isEqualTo(2);
    assertThat(bob1.received("seen").get(0).data().path("from").asText()).isEqualTo("alice");
    assertThat(dave.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aRemovedMembersDevicesHearTheRemovalAndThenNothing(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient carol = connect(transport, "carol");
    TestClient bob = connect(transport, "bob");
    String group = server.createGroup("alice", "bob", "carol");
    List.of(alice, bob, carol).forEach(TestClient::sync);
    List.of(alice, bob, carol).forEach(TestClient::clear);

    var removed =
        server.rest(
            "DELETE", "/api/v1/chats/" + group + "/members/carol", server.token("alice"), null);
    assertThat(removed.statusCode()).isEqualTo(200);
    carol.sync();
    List<Received> beforeNext =
        carol.chatEvents().stream().filter(r -> !r.event().startsWith("user:")).toList();
    // Carol shares no other chat with them: she and the members online stop seeing each other.
    assertThat(carol.received("user:offline"))
        .extracting(r -> r.data().path("userId").asText())
        .containsExactlyInAnyOrder("alice", "bob");
    JsonNode ack =
        bob.call("sendMessage", TestClient.data().put("chatId", group).put("text", "carol left"));
    JsonNode refused =
        carol.call("sendMessage", TestClient.data().put("chatId", group).put("text", "me?"));
    List.of(alice, bob, carol).forEach(TestClient::sync);

    assertThat(beforeNext)
        .extracting(Received::event)
        .containsExactly("message:new", "chat:update", "chat:member:removed");
    assertThat(beforeNext.get(2).data().path("members").get(0).asText()).isEqualTo("carol");
    assertThat(beforeNext.get(0).data().path("message").path("event").path("type").asText())
        .isEqualTo("member_removed");
    assertThat(ack.path("ok").asBoolean()).isTrue();
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("error").path("code").asText()).isEqualTo("NOT_A_MEMBER");
    assertThat(carol.chatEvents().stream().filter(r -> !r.event().startsWith("user:")))
        .hasSameSizeAs(beforeNext);
    assertThat(alice.received("message:new")).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void eventsNamingBothAChatAndAUserOrMalformedMentionsAreRefused(Transport transport) {
    TestClient alice = connect(transport, "alice");
    connect(transport, "bob");
    String group = server.createGroup("alice", "bob");

    JsonNode both =
        alice.call(
            "sendMessage",
            TestClient.data().put("chatId", group).put("to", "bob").put("text", "x"));
    var mentions = TestClient.data().put("chatId", group).put("text", "x");
    mentions.putArray("mentions").add(5);
    JsonNode badMentions = alice.call("sendMessage", mentions);
    JsonNode unknownChat =
        alice.call(
            "sendMessage",
            TestClient.data().put("chatId", "0123456789abcdef01234567").put("text", "x"));

    assertThat(both.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(badMentions.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    JsonNode seenOne =
        alice.call(
            "seen",
            TestClient.data().put("chatId", group).put("messageId", "0123456789abcdef01234567"));

    assertThat(unknownChat.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(seenOne.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(alice.isConnected()).isTrue();
  }
}
