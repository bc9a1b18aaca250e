package io.chat.adapter.ws;

import static io.chat.adapter.ws.Sockets.code;
import static io.chat.adapter.ws.Sockets.once;
import static io.chat.adapter.ws.Sockets.quiet;
import static io.chat.adapter.ws.Sockets.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.application.port.in.Actor;
import io.chat.application.port.in.Sent;
import io.chat.application.testing.Await;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What happens to a message after it is sent, over each transport: edits, deletions, reactions,
 * pins and replies by socket events reach each device of the chat's current audience once (a
 * deletion for oneself only one's own devices), and bad input is refused with its code and leaves
 * the socket usable.
 */
class RealtimeLifecycleTest {
  private static final String UNKNOWN_ID = "0123456789abcdef01234567";

  private final Sockets sockets = new Sockets();
  private final TestServer server = sockets.server;

  @AfterEach
  void stop() {
    sockets.close();
  }

  private TestClient connect(Transport transport, String user) {
    return sockets.connect(transport, user);
  }

  private static ObjectNode about(String chatId, String messageId) {
    return TestClient.data().put("chatId", chatId).put("messageId", messageId);
  }

  /** The message of a successful ack, checked to be one. */
  private static JsonNode answered(JsonNode ack, String chatId) {
    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
    assertThat(ack.path("chatId").asText()).isEqualTo(chatId);
    return ack.path("message");
  }

  private void remove(String group, String owner, String member) {
    var removed =
        server.rest(
            "DELETE", "/api/v1/chats/" + group + "/members/" + member, server.token(owner), null);
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anEditReachesEveryDeviceOfBothSidesOnceAndNobodyElse(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    JsonNode sent =
        alice1.call("sendMessage", TestClient.data().put("to", "bob").put("text", "helo"));
    String chatId = sent.path("chatId").asText();
    String id = sent.path("message").path("_id").asText();
    quiet(alice1, alice2, bob1, bob2, carol);

    JsonNode edited =
        answered(alice1.call("editMessage", about(chatId, id).put("text", "hello")), chatId);

    assertThat(edited.path("_id").asText()).isEqualTo(id);
    assertThat(edited.path("seq").asLong()).isEqualTo(1);
    assertThat(edited.path("text").asText()).isEqualTo("hello");
    assertThat(edited.path("edited").asBoolean()).isTrue();
    assertThat(edited.path("editedAt").asText()).matches("\\d{4}-.*Z");
    long change = edited.path("change").asLong();
    assertThat(change).isPositive();
    sync(alice1, alice2, bob1, bob2, carol);
    for (TestClient device : List.of(alice1, alice2, bob1, bob2)) {
      JsonNode event = once(device, "message:edited");
      assertThat(event.path("chatId").asText()).isEqualTo(chatId);
      assertThat(event.path("by").asText()).isEqualTo("alice");
      assertThat(event.has("reaction")).isFalse();
      JsonNode message = event.path("message");
      assertThat(message.path("_id").asText()).isEqualTo(id);
      assertThat(message.path("text").asText()).isEqualTo("hello");
      assertThat(message.path("edited").asBoolean()).isTrue();
      assertThat(message.path("change").asLong()).isEqualTo(change);
      // The last message changed: each list entry shows the new text.
      assertThat(once(device, "chat:update").path("lastMessage").asText()).isEqualTo("hello");
    }
    assertThat(carol.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aDeletionForEveryoneLeavesATombstoneOnEveryDevice(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    JsonNode first =
        alice1.call("sendMessage", TestClient.data().put("to", "bob").put("text", "oops"));
    String chatId = first.path("chatId").asText();
    String id = first.path("message").path("_id").asText();
    bob1.call("sendMessage", TestClient.data().put("chatId", chatId).put("text", "what?"));
    quiet(alice1, alice2, bob1, bob2, carol);

    JsonNode deleted =
        answered(alice1.call("deleteMessage", about(chatId, id).put("forEveryone", true)), chatId);

    assertThat(deleted.path("deleted").asBoolean()).isTrue();
    assertThat(deleted.path("text").asText("")).isEmpty();
    sync(alice1, alice2, bob1, bob2, carol);
    for (TestClient device : List.of(alice1, alice2, bob1, bob2)) {
      JsonNode event = once(device, "message:deleted");
      assertThat(event.path("by").asText()).isEqualTo("alice");
      JsonNode message = event.path("message");
      assertThat(message.path("_id").asText()).isEqualTo(id);
      assertThat(message.path("seq").asLong()).isEqualTo(1);
      assertThat(message.path("deleted").asBoolean()).isTrue();
      assertThat(message.path("text").asText("")).isEmpty();
      // Not the last message: the list entries keep showing the answer.
      assertThat(device.received("chat:update")).isEmpty();
    }
    assertThat(carol.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aDeletionForMeReachesMyDevicesOnly(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    JsonNode sent =
        alice1.call("sendMessage", TestClient.data().put("to", "bob").put("text", "spam"));
    String chatId = sent.path("chatId").asText();
    String id = sent.path("message").path("_id").asText();
    quiet(alice1, alice2, bob1, bob2);

    JsonNode hidden = answered(bob1.call("deleteMessage", about(chatId, id)), chatId);

    assertThat(hidden.path("hidden").asBoolean()).isTrue();
    assertThat(hidden.path("deleted").asBoolean()).isFalse();
    assertThat(hidden.path("text").asText("")).isEmpty();
    sync(alice1, alice2, bob1, bob2);
    for (TestClient bob : List.of(bob1, bob2)) {
      JsonNode event = once(bob, "message:deleted");
      assertThat(event.path("by").asText()).isEqualTo("bob");
      assertThat(event.path("message").path("_id").asText()).isEqualTo(id);
      assertThat(event.path("message").path("hidden").asBoolean()).isTrue();
      assertThat(event.path("message").path("text").asText("")).isEmpty();
    }
    assertThat(alice1.chatEvents()).isEmpty();
    assertThat(alice2.chatEvents()).isEmpty();
    // Alice still has her message.
    var history =
        server.rest("GET", "/api/v1/chats/" + chatId + "/messages", server.token("alice"), null);
    assertThat(history.body()).contains("\"text\":\"spam\"");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aReactionTellsWhoReactedWithWhatAndItsUndoTheCountBack(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    JsonNode sent =
        alice1.call("sendMessage", TestClient.data().put("to", "bob").put("text", "party?"));
    String chatId = sent.path("chatId").asText();
    String id = sent.path("message").path("_id").asText();
    JsonNode mine = answered(alice1.call("react", about(chatId, id).put("emoji", "👍")), chatId);
    assertThat(mine.path("reactions"))
        .isEqualTo(TestClient.parse("[{\"emoji\":\"👍\",\"count\":1,\"mine\":true}]"));
    quiet(alice1, alice2, bob1, bob2, carol);

    JsonNode reacted =
        answered(bob1.call("react", about(chatId, id).put("emoji", "👍").put("on", true)), chatId);

    assertThat(reacted.path("reactions"))
        .isEqualTo(TestClient.parse("[{\"emoji\":\"👍\",\"count\":2,\"mine\":true}]"));
    sync(alice1, alice2, bob1, bob2, carol);
    for (TestClient device : List.of(alice1, alice2, bob1, bob2)) {
      JsonNode event = once(device, "message:reaction");
      assertThat(event.path("by").asText()).isEqualTo("bob");
      assertThat(event.path("reaction"))
          .isEqualTo(TestClient.parse("{\"emoji\":\"👍\",\"on\":true}"));
      // Each client knows its own reactions: the event tells counts only.
      assertThat(event.path("message").path("reactions"))
          .isEqualTo(TestClient.parse("[{\"emoji\":\"👍\",\"count\":2,\"mine\":false}]"));
    }
    assertThat(carol.chatEvents()).isEmpty();
    quiet(alice1, alice2, bob1, bob2);

    JsonNode undone =
        answered(bob2.call("react", about(chatId, id).put("emoji", "👍").put("on", false)), chatId);

    assertThat(undone.path("reactions"))
        .isEqualTo(TestClient.parse("[{\"emoji\":\"👍\",\"count\":1,\"mine\":false}]"));
    sync(alice1, alice2, bob1, bob2);
    for (TestClient device : List.of(alice1, alice2, bob1, bob2)) {
      JsonNode event = once(device, "message:reaction");
      assertThat(event.path("reaction"))
          .isEqualTo(TestClient.parse("{\"emoji\":\"👍\",\"on\":false}"));
      assertThat(event.path("message").path("reactions").get(0).path("count").asLong())
          .isEqualTo(1);
    }
    quiet(alice1, bob1);

    // A retry changes nothing and tells nobody.
    JsonNode again =
        answered(bob1.call("react", about(chatId, id).put("emoji", "👍").put("on", false)), chatId);

    assertThat(again.path("reactions")).isEqualTo(undone.path("reactions"));
    sync(alice1, bob1);
    assertThat(alice1.chatEvents()).isEmpty();
    assertThat(bob1.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void pinsInAGroupReachItsCurrentMembersOnly(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    String group = server.createGroup("alice", "bob", "carol");
    JsonNode sent =
        bob1.call("sendMessage", TestClient.data().put("chatId", group).put("text", "meet at 9"));
    String id = sent.path("message").path("_id").asText();
    remove(group, "alice", "carol");
    quiet(alice, bob1, bob2, carol);

    JsonNode refused = bob1.call("pinMessage", about(group, id));
    JsonNode pinned = answered(alice.call("pinMessage", about(group, id)), group);

    assertThat(code(refused)).isEqualTo("FORBIDDEN");
    assertThat(pinned.path("pinned").path("by").asText()).isEqualTo("alice");
    sync(alice, bob1, bob2, carol);
    for (TestClient device : List.of(alice, bob1, bob2)) {
      JsonNode event = once(device, "message:pinned");
      assertThat(event.path("chatId").asText()).isEqualTo(group);
      assertThat(event.path("by").asText()).isEqualTo("alice");
      assertThat(event.path("message").path("_id").asText()).isEqualTo(id);
      assertThat(event.path("message").path("pinned").path("by").asText()).isEqualTo("alice");
    }
    assertThat(carol.chatEvents()).isEmpty();

    JsonNode unpinned =
        answered(alice.call("pinMessage", about(group, id).put("on", false)), group);

    assertThat(unpinned.has("pinned")).isFalse();
    sync(alice, bob1, bob2, carol);
    for (TestClient device : List.of(alice, bob1, bob2)) {
      JsonNode event = once(device, "message:unpinned");
      assertThat(event.path("message").has("pinned")).isFalse();
    }
    assertThat(carol.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aRemovedMembersDevicesGetNothingOfLaterEdits(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    TestClient carol1 = connect(transport, "carol");
    TestClient carol2 = connect(transport, "carol");
    String group = server.createGroup("alice", "bob", "carol");
    JsonNode sent =
        bob.call("sendMessage", TestClient.data().put("chatId", group).put("text", "typo"));
    String id = sent.path("message").path("_id").asText();
    remove(group, "alice", "carol");
    quiet(alice, bob, carol1, carol2);

    answered(bob.call("editMessage", about(group, id).put("text", "no typo")), group);
    JsonNode carolReacts = carol1.call("react", about(group, id).put("emoji", "👀"));

    assertThat(code(carolReacts)).isEqualTo("NOT_A_MEMBER");
    sync(alice, bob, carol1, carol2);
    for (TestClient member : List.of(alice, bob)) {
      JsonNode event = once(member, "message:edited");
      assertThat(event.path("message").path("text").asText()).isEqualTo("no typo");
      // In a group, seen is nobody's in particular: clients keep the one they have.
      assertThat(event.path("message").path("seen").asBoolean()).isFalse();
    }
    assertThat(carol1.chatEvents()).isEmpty();
    assertThat(carol2.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aReplyCarriesAPreviewOfTheMessageItAnswers(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    JsonNode question =
        alice.call("sendMessage", TestClient.data().put("to", "bob").put("text", "lunch at 12?"));
    String chatId = question.path("chatId").asText();
    String questionId = question.path("message").path("_id").asText();
    quiet(alice, bob);

    JsonNode answer =
        answered(
            bob.call(
                "sendMessage",
                TestClient.data()
                    .put("chatId", chatId)
                    .put("text", "yes")
                    .put("clientMessageId", "r-1")
                    .put("replyTo", questionId)),
            chatId);

    assertThat(answer.path("replyTo").path("_id").asText()).isEqualTo(questionId);
    JsonNode received = alice.await("message:new").data().path("message");
    assertThat(received.path("_id")).isEqualTo(answer.path("_id"));
    JsonNode quote = received.path("replyTo");
    assertThat(quote.path("_id").asText()).isEqualTo(questionId);
    assertThat(quote.path("seq").asLong()).isEqualTo(1);
    assertThat(quote.path("sender").asText()).isEqualTo("alice");
    assertThat(quote.path("text").asText()).isEqualTo("lunch at 12?");
    assertThat(quote.path("deleted").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void staffActAsTheDeskInASupportChat(Transport transport) {
    TestClient staff = transport.connectWith(server, server.adminToken("agent"));
    sockets.adopt(staff);
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    JsonNode help =
        alice.call(
            "sendMessage",
            TestClient.data().put("to", "000000000000000000000001").put("text", "help"));
    String chatId = help.path("chatId").asText();
    Sent reply =
        Await.done(
            server
                .services
                .replyToSupportChat()
                .reply(
                    new Actor(UserId.of("agent"), true, Instant.MAX),
                    ChatId.of(chatId),
                    "how can I hlep?",
                    Optional.empty()));
    String replyId = reply.message().id().value();
    quiet(staff, alice, bob);

    JsonNode edited =
        answered(
            staff.call("editMessage", about(chatId, replyId).put("text", "how can I help?")),
            chatId);
    JsonNode stranger =
        bob.call("editMessage", about(chatId, replyId).put("text", "not your chat"));

    assertThat(edited.path("sender").asText()).isEqualTo("000000000000000000000001");
    assertThat(code(stranger)).isEqualTo("NOT_FOUND");
    JsonNode seenByAlice = alice.await("message:edited").data();
    assertThat(seenByAlice.path("by").asText()).isEqualTo("000000000000000000000001");
    assertThat(seenByAlice.path("message").path("text").asText()).isEqualTo("how can I help?");
    sync(staff, alice, bob);
    assertThat(staff.received("message:edited")).hasSize(1);
    assertThat(alice.received("message:edited")).hasSize(1);
    assertThat(bob.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void badInputGetsItsCodeChangesNothingAndTheSocketStaysUsable(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    JsonNode sent =
        alice.call("sendMessage", TestClient.data().put("to", "bob").put("text", "original"));
    String chatId = sent.path("chatId").asText();
    String id = sent.path("message").path("_id").asText();
    quiet(alice, bob);
    ObjectNode numericId = TestClient.data().put("chatId", chatId).put("messageId", 5);
    ObjectNode[] refusals = {
      // event, payload, code
      refusal("editMessage", TestClient.data().put("chatId", chatId).put("text", "x")),
      refusal("editMessage", numericId.deepCopy().put("text", "x")),
      refusal("editMessage", about(chatId, id)),
      refusal("editMessage", about(chatId, id).put("text", 7)),
      refusal("editMessage", about(chatId, id).put("text", " \n ")),
      refusal("editMessage", about(chatId, id).put("text", "x".repeat(4_001))),
      refusal("editMessage", about(chatId, id).put("text", "x").put("sender", "bob")),
      refusal("editMessage", about("c", id).put("text", "x")),
      refusal("editMessage", about(chatId, "zz").put("text", "x")),
      refusal("editMessage", about(chatId, UNKNOWN_ID).put("text", "x"), "NOT_FOUND"),
      refusal("editMessage", about(UNKNOWN_ID, id).put("text", "x"), "NOT_FOUND"),
      refusal("deleteMessage", TestClient.data().put("chatId", chatId)),
      refusal("deleteMessage", about(chatId, id).put("forEveryone", "yes")),
      refusal("deleteMessage", about(chatId, UNKNOWN_ID), "NOT_FOUND"),
      refusal("react", about(chatId, id)),
      refusal("react", about(chatId, id).put("emoji", "ab")),
      refusal("react", about(chatId, id).put("emoji", "👍👍")),
      refusal("react", about(chatId, id).put("emoji", "👍").put("on", 1)),
      refusal("react", about(chatId, UNKNOWN_ID).put("emoji", "👍"), "NOT_FOUND"),
      refusal("pinMessage", numericId.deepCopy()),
      refusal("pinMessage", about(chatId, id).put("on", "true")),
      refusal("pinMessage", about(chatId, UNKNOWN_ID), "NOT_FOUND"),
      refusal(
          "sendMessage",
          TestClient.data().put("chatId", chatId).put("text", "x").put("replyTo", 5)),
      refusal(
          "sendMessage", TestClient.data().put("to", "bob").put("text", "x").put("replyTo", id)),
      refusal(
          "sendMessage",
          TestClient.data().put("chatId", chatId).put("text", "x").put("replyTo", UNKNOWN_ID),
          "NOT_FOUND"),
    };

    for (ObjectNode refusal : refusals) {
      JsonNode ack = alice.call(refusal.path("event").asText(), refusal.path("data"));
      assertThat(code(ack)).as(refusal.toString()).isEqualTo(refusal.path("code").asText());
      assertThat(ack.path("error").path("message").asText()).isNotBlank();
    }
    JsonNode notHers = bob.call("editMessage", about(chatId, id).put("text", "mine now"));
    JsonNode noPayload = alice.call("deleteMessage", null);
    alice.emit("react", about(chatId, UNKNOWN_ID).put("emoji", "👍"));
    JsonNode error = alice.await("message:error").data();

    assertThat(code(notHers)).isEqualTo("FORBIDDEN");
    assertThat(code(noPayload)).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.path("event").asText()).isEqualTo("react");
    assertThat(error.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    sync(alice, bob);
    assertThat(bob.chatEvents()).isEmpty();
    assertThat(alice.chatEvents()).isEmpty();
    assertThat(alice.isConnected()).isTrue();

    JsonNode edited =
        answered(alice.call("editMessage", about(chatId, id).put("text", "fixed")), chatId);

    assertThat(edited.path("text").asText()).isEqualTo("fixed");
    assertThat(bob.await("message:edited").data().path("message").path("text").asText())
        .isEqualTo("fixed");
  }

  private static ObjectNode refusal(String event, ObjectNode data) {
    return refusal(event, data, "INVALID_ARGUMENT");
  }

  private static ObjectNode refusal(String event, ObjectNode data, String code) {
    ObjectNode refusal = TestClient.data().put("event", event).put("code", code);
    refusal.set("data", data);
    return refusal;
  }
}
