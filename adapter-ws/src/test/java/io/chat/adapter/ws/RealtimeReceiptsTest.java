package io.chat.adapter.ws;

import static io.chat.adapter.ws.Sockets.code;
import static io.chat.adapter.ws.Sockets.once;
import static io.chat.adapter.ws.Sockets.quiet;
import static io.chat.adapter.ws.Sockets.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.application.port.in.ChatView;
import io.chat.application.testing.Await;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Delivery receipts and archiving over each transport: a device's {@code delivered} receipt moves
 * its user's delivered mark and reaches each device of the other side once (a group's other
 * members), a receipt that moves nothing tells nobody, the sender's history then shows the message
 * delivered; archiving a chat reaches the archiver's own devices only; bad input is refused with
 * its code and leaves the socket usable.
 */
class RealtimeReceiptsTest {
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

  private static ObjectNode receipt(String chatId, long seq) {
    return TestClient.data().put("chatId", chatId).put("seq", seq);
  }

  /** The mark a successful receipt's ack answers, checked to be one. */
  private static long mark(JsonNode ack, String chatId) {
    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
    assertThat(ack.path("chatId").asText()).isEqualTo(chatId);
    assertThat(ack.path("deliveredSeq").isIntegralNumber()).as(ack.toString()).isTrue();
    return ack.path("deliveredSeq").asLong();
  }

  private static String text(TestClient from, String to, String text) {
    JsonNode sent = from.call("sendMessage", TestClient.data().put("to", to).put("text", text));
    assertThat(sent.path("ok").asBoolean()).as(sent.toString()).isTrue();
    return sent.path("chatId").asText();
  }

  /** The messages of the chat's history as REST shows them to {@code user}, by their text. */
  private JsonNode history(String user, String chatId) {
    var history =
        server.rest("GET", "/api/v1/chats/" + chatId + "/messages", server.token(user), null);
    assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
    return TestClient.parse(history.body()).path("data").path("messages");
  }

  private static JsonNode withText(JsonNode messages, String text) {
    for (JsonNode message : messages) {
      if (message.path("text").asText().equals(text)) {
        return message;
      }
    }
    throw new AssertionError("no message " + text + " in " + messages);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aReceiptReachesEachDeviceOfTheSenderOnceAndNoneOfTheReceiver(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    String chatId = text(alice1, "bob", "one");
    text(alice1, "bob", "two");
    quiet(alice1, alice2, bob1, bob2, carol);

    long mark = mark(bob1.call("delivered", receipt(chatId, 2)), chatId);

    assertThat(mark).isEqualTo(2);
    sync(alice1, alice2, bob1, bob2, carol);
    for (TestClient alice : List.of(alice1, alice2)) {
      assertThat(once(alice, "delivered"))
          .isEqualTo(
              TestClient.parse("{\"from\":\"bob\",\"chatId\":\"" + chatId + "\",\"seq\":2}"));
      assertThat(alice.chatEvents()).hasSize(1);
    }
    assertThat(bob1.chatEvents()).isEmpty();
    assertThat(bob2.chatEvents()).isEmpty();
    assertThat(carol.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aReceiptThatMovesNothingTellsNobody(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    String chatId = text(alice, "bob", "one");
    text(alice, "bob", "two");
    mark(bob1.call("delivered", receipt(chatId, 2)), chatId);
    quiet(alice, bob1, bob2);

    // Another device of the same user, the same receipt again, an older one, one past the end.
    long again = mark(bob2.call("delivered", receipt(chatId, 2)), chatId);
    long lower = mark(bob1.call("delivered", receipt(chatId, 1)), chatId);
    long zero = mark(bob1.call("delivered", receipt(chatId, 0)), chatId);
    long beyond = mark(bob1.call("delivered", receipt(chatId, 99)), chatId);

    assertThat(List.of(again, lower, zero, beyond)).containsOnly(2L);
    sync(alice, bob1, bob2);
    assertThat(alice.chatEvents()).isEmpty();
    assertThat(bob1.chatEvents()).isEmpty();
    assertThat(bob2.chatEvents()).isEmpty();

    text(alice, "bob", "three");
    quiet(alice, bob1, bob2);

    // Past the last message, the mark stops at it: a later message is not delivered in advance.
    long next = mark(bob2.call("delivered", receipt(chatId, 1_000)), chatId);

    assertThat(next).isEqualTo(3);
    assertThat(alice.await("delivered").data().path("seq").asLong()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aReadMarkCountsAsDelivered(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    String chatId = text(alice, "bob", "one");
    text(alice, "bob", "two");
    JsonNode read = bob.call("seen", TestClient.data().put("chatId", chatId));
    assertThat(read.path("seenUpTo").asLong()).as(read.toString()).isEqualTo(2);
    quiet(alice, bob);

    long mark = mark(bob.call("delivered", receipt(chatId, 1)), chatId);

    assertThat(mark).isEqualTo(2);
    sync(alice, bob);
    assertThat(alice.chatEvents()).isEmpty();
    assertThat(bob.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theSenderSeesInHistoryWhatWasDelivered(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    String chatId = text(alice, "bob", "one");
    text(alice, "bob", "two");
    JsonNode before = history("alice", chatId);
    assertThat(withText(before, "one").path("delivered").asBoolean(true)).isFalse();
    assertThat(withText(before, "two").path("delivered").asBoolean(true)).isFalse();

    mark(bob.call("delivered", receipt(chatId, 1)), chatId);

    alice.await("delivered");
    JsonNode partly = history("alice", chatId);
    assertThat(withText(partly, "one").path("delivered").asBoolean()).isTrue();
    assertThat(withText(partly, "one").path("seen").asBoolean(true)).isFalse();
    assertThat(withText(partly, "two").path("delivered").asBoolean(true)).isFalse();

    mark(bob.call("delivered", receipt(chatId, 2)), chatId);

    alice.await("delivered", d -> d.path("seq").asLong() == 2);
    JsonNode all = history("alice", chatId);
    assertThat(withText(all, "two").path("delivered").asBoolean()).isTrue();
    assertThat(withText(all, "two").path("seen").asBoolean(true)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void inASmallGroupTheOtherMembersHearAReceipt(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    TestClient carol1 = connect(transport, "carol");
    TestClient carol2 = connect(transport, "carol");
    TestClient dave = connect(transport, "dave");
    String group = server.createGroup("alice", "bob", "carol");
    JsonNode sent =
        bob.call("sendMessage", TestClient.data().put("chatId", group).put("text", "hi all"));
    long seq = sent.path("message").path("seq").asLong();
    assertThat(seq).as(sent.toString()).isPositive();
    quiet(alice1, alice2, bob, carol1, carol2, dave);

    long mark = mark(carol1.call("delivered", receipt(group, seq)), group);

    assertThat(mark).isEqualTo(seq);
    sync(alice1, alice2, bob, carol1, carol2, dave);
    JsonNode expected =
        TestClient.parse("{\"from\":\"carol\",\"chatId\":\"" + group + "\",\"seq\":" + seq + "}");
    for (TestClient member : List.of(alice1, alice2, bob)) {
      assertThat(once(member, "delivered")).as(member.toString()).isEqualTo(expected);
    }
    assertThat(carol1.chatEvents()).isEmpty();
    assertThat(carol2.chatEvents()).isEmpty();
    assertThat(dave.chatEvents()).isEmpty();
    quiet(alice1, alice2, bob);

    mark(carol2.call("delivered", receipt(group, seq)), group);

    sync(alice1, alice2, bob);
    assertThat(alice1.chatEvents()).isEmpty();
    assertThat(alice2.chatEvents()).isEmpty();
    assertThat(bob.chatEvents()).isEmpty();
    JsonNode outsider = dave.call("delivered", receipt(group, seq));
    assertThat(code(outsider)).isEqualTo("NOT_FOUND");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void archivingReachesOnlyTheArchiversDevices(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    String chatId = text(alice, "bob", "old news");
    quiet(alice, bob1, bob2);

    ChatView archived =
        Await.done(server.services.chats().archive(UserId.of("bob"), ChatId.of(chatId), true));

    assertThat(archived.archived()).isTrue();
    sync(alice, bob1, bob2);
    JsonNode expected = TestClient.parse("{\"chatId\":\"" + chatId + "\",\"archived\":true}");
    for (TestClient bob : List.of(bob1, bob2)) {
      assertThat(once(bob, "chat:archived")).isEqualTo(expected);
      assertThat(bob.chatEvents()).hasSize(1);
    }
    assertThat(alice.chatEvents()).isEmpty();
    quiet(bob1, bob2);

    ChatView back =
        Await.done(server.services.chats().archive(UserId.of("bob"), ChatId.of(chatId), false));

    assertThat(back.archived()).isFalse();
    sync(alice, bob1, bob2);
    for (TestClient bob : List.of(bob1, bob2)) {
      assertThat(once(bob, "chat:archived").path("archived").asBoolean(true)).isFalse();
    }
    assertThat(alice.chatEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void badInputGetsItsCodeChangesNothingAndTheSocketStaysUsable(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    String chatId = text(alice, "bob", "one");
    quiet(alice, bob, carol);
    ObjectNode[] refusals = {
      // payload, code
      refusal(TestClient.data().put("chatId", chatId)),
      refusal(TestClient.data().put("chatId", chatId).putNull("seq")),
      refusal(receipt(chatId, -1)),
      refusal(TestClient.data().put("chatId", chatId).put("seq", "1")),
      refusal(TestClient.data().put("chatId", chatId).put("seq", 1.5)),
      refusal(TestClient.data().put("chatId", chatId).put("seq", true)),
      refusal(
          TestClient.data()
              .put("chatId", chatId)
              .put("seq", new BigInteger("100000000000000000000"))),
      refusal(TestClient.data().put("seq", 1)),
      refusal(TestClient.data().put("chatId", 5).put("seq", 1)),
      refusal(receipt("c", 1)),
      refusal(receipt(chatId, 1).put("from", "alice")),
      refusal(receipt(chatId, 1).put("messageId", UNKNOWN_ID)),
      refusal(receipt(UNKNOWN_ID, 1), "NOT_FOUND"),
    };

    for (ObjectNode refusal : refusals) {
      JsonNode ack = bob.call("delivered", refusal.path("data"));
      assertThat(code(ack)).as(refusal.toString()).isEqualTo(refusal.path("code").asText());
      assertThat(ack.path("error").path("message").asText()).isNotBlank();
    }
    JsonNode notHers = carol.call("delivered", receipt(chatId, 1));
    JsonNode noPayload = bob.call("delivered", null);
    bob.emit("delivered", receipt(UNKNOWN_ID, 1));
    JsonNode error = bob.await("message:error").data();

    assertThat(code(notHers)).isEqualTo("NOT_FOUND");
    assertThat(code(noPayload)).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.path("event").asText()).isEqualTo("delivered");
    assertThat(error.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    sync(alice, bob, carol);
    assertThat(alice.chatEvents()).isEmpty();
    assertThat(bob.chatEvents()).isEmpty();
    assertThat(carol.chatEvents()).isEmpty();
    assertThat(bob.isConnected()).isTrue();
    // Nothing moved: the sender's message is not delivered yet.
    assertThat(withText(history("alice", chatId), "one").path("delivered").asBoolean(true))
        .isFalse();

    long mark = mark(bob.call("delivered", receipt(chatId, 1)), chatId);

    assertThat(mark).isEqualTo(1);
    assertThat(alice.await("delivered").data().path("from").asText()).isEqualTo("bob");
  }

  private static ObjectNode refusal(ObjectNode data) {
    return refusal(data, "INVALID_ARGUMENT");
  }

  private static ObjectNode refusal(ObjectNode data, String code) {
    ObjectNode refusal = TestClient.data().put("code", code);
    refusal.set("data", data);
    return refusal;
  }
}
