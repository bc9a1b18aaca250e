package io.chat.adapter.ws;

import static io.chat.adapter.ws.Sockets.code;
import static io.chat.adapter.ws.Sockets.once;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.http.HttpApiConfig;
import io.chat.adapter.inmemory.ManualTimers;
import io.chat.adapter.inmemory.MutableClock;
import io.chat.adapter.inmemory.RecordingPushNotifier;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.application.service.call.CallSettings;
import io.chat.application.testing.Times;
import io.chat.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls over each transport with real clients: who hears what of a call, signaling between the two
 * devices in it and nobody else, every refusal with its code, and the timers (moved by hand).
 */
class RealtimeCallsTest {
  private static final Duration RING = Duration.ofSeconds(45);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(Times.T0);
  private final ManualTimers timers = new ManualTimers(clock);
  private final RecordingPushNotifier push = new RecordingPushNotifier();
  private TestServer server;
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    server =
        new TestServer(
            // Frames up to 256 KiB reach the event layer: a signal's own 64 KiB limit is what
            // refuses a larger offer.
            TestServer.settings().withMaxMessageBytes(256 * 1024),
            new InProcessSendRateLimit(1_000, 1_000, Clock.systemUTC()),
            new InProcessPresence(),
            HttpApiConfig.defaults(),
            clock,
            CallSettings.defaults(),
            timers,
            push);
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

  private static ObjectNode invite(String to, String callId) {
    return TestClient.data().put("to", to).put("callType", "video").put("callId", callId);
  }

  private static ObjectNode call(String callId) {
    return TestClient.data().put("callId", callId);
  }

  private static void ok(JsonNode ack) {
    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallRingsEveryDeviceOfTheCalleeIsTakenByOneAndSignalsPassOnlyBetweenTheTwo(
      Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient alice2 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    TestClient bob2 = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");

    JsonNode invited = alice1.call("call:invite", invite("bob", "call-1"));

    ok(invited);
    JsonNode call = invited.path("call");
    assertThat(call.path("callId").asText()).isEqualTo("call-1");
    assertThat(call.path("state").asText()).isEqualTo("ringing");
    assertThat(call.path("caller").asText()).isEqualTo("alice");
    assertThat(call.path("callee").asText()).isEqualTo("bob");
    assertThat(call.path("callType").asText()).isEqualTo("video");
    String chatId = call.path("chatId").asText();
    for (TestClient bob : List.of(bob1, bob2)) {
      JsonNode ring = bob.await("call:invite").data();
      assertThat(ring.path("callId").asText()).isEqualTo("call-1");
      assertThat(ring.path("from").asText()).isEqualTo("alice");
      assertThat(ring.path("chatId").asText()).isEqualTo(chatId);
      assertThat(ring.path("callType").asText()).isEqualTo("video");
    }
    assertThat(alice2.await("call:ringing").data().path("to").asText()).isEqualTo("bob");

    JsonNode accepted = bob2.call("call:accept", call("call-1"));

    ok(accepted);
    assertThat(accepted.path("call").path("state").asText()).isEqualTo("accepted");
    assertThat(alice1.await("call:accept").data().path("from").asText()).isEqualTo("bob");
    bob1.await("call:answered-elsewhere");
    alice2.await("call:answered-elsewhere");

    ObjectNode offer = call("call-1");
    offer.putObject("offer").put("type", "offer").put("sdp", "v=0 offer");
    ok(alice1.call("call:offer", offer));
    JsonNode heard = bob2.await("call:offer").data();
    assertThat(heard.path("from").asText()).isEqualTo("alice");
    assertThat(heard.path("callId").asText()).isEqualTo("call-1");
    assertThat(heard.path("offer").path("sdp").asText()).isEqualTo("v=0 offer");

    ObjectNode answer = call("call-1");
    answer.putObject("answer").put("type", "answer").put("sdp", "v=0 answer");
    ok(bob2.call("call:answer", answer));
    assertThat(alice1.await("call:answer").data().path("answer").path("sdp").asText())
        .isEqualTo("v=0 answer");

    ok(bob2.call("call:ice-candidate", call("call-1").put("candidate", "candidate:1 1 udp")));
    assertThat(alice1.await("call:ice-candidate").data().path("candidate").asText())
        .isEqualTo("candidate:1 1 udp");
    ok(alice1.call("call:mute", call("call-1").put("muted", true)));
    assertThat(bob2.await("call:mute").data().path("muted").asBoolean()).isTrue();

    clock.advance(Duration.ofSeconds(65));
    JsonNode ended = alice1.call("call:end", call("call-1"));

    ok(ended);
    assertThat(ended.path("call").path("state").asText()).isEqualTo("ended");
    assertThat(ended.path("call").path("outcome").asText()).isEqualTo("completed");
    for (TestClient device : List.of(alice1, alice2, bob1, bob2)) {
      JsonNode end = device.await("call:end").data();
      assertThat(end.path("outcome").asText()).isEqualTo("completed");
      assertThat(end.path("by").asText()).isEqualTo("alice");
      assertThat(end.path("durationSeconds").asLong()).isEqualTo(65);
      // As any message of a chat of two: the caller's devices hear message:sent, the callee's
      // message:new with their unread count.
      boolean caller = device == alice1 || device == alice2;
      JsonNode event =
          device
              .await(
                  caller ? "message:sent" : "message:new",
                  m -> m.path("message").path("kind").asText().equals("call"))
              .data();
      JsonNode entry = event.path("message");
      assertThat(entry.path("chatId").asText()).isEqualTo(chatId);
      assertThat(entry.path("call").path("outcome").asText()).isEqualTo("completed");
      assertThat(entry.path("call").path("durationSeconds").asLong()).isEqualTo(65);
      assertThat(entry.path("call").path("caller").asText()).isEqualTo("alice");
    }
    Sockets.sync(alice1, alice2, bob1, bob2, carol);
    // The signals went to the device in the call and to no other.
    assertThat(bob1.received("call:offer")).isEmpty();
    assertThat(alice2.received("call:answer")).isEmpty();
    assertThat(alice2.received("call:ice-candidate")).isEmpty();
    assertThat(carol.chatEvents()).isEmpty();
    assertThat(once(bob1, "call:invite").path("callId").asText()).isEqualTo("call-1");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSpoofedSenderACallToABlockerAndSignalsIntoAnotherUsersCallAreRefused(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    TestClient carol = connect(transport, "carol");
    TestClient dave = connect(transport, "dave");

    // from is who is signed in: a client cannot ring as somebody else.
    JsonNode spoofed = carol.call("call:invite", invite("bob", "c-spoof").put("from", "alice"));
    assertThat(code(spoofed)).isEqualTo("INVALID_ARGUMENT");

    assertThat(
            server
                .rest("POST", "/api/v1/users/carol/block", server.token("dave"), null)
                .statusCode())
        .isEqualTo(200);
    assertThat(code(carol.call("call:invite", invite("dave", "c-blocked")))).isEqualTo("BLOCKED");
    assertThat(code(dave.call("call:invite", invite("carol", "c-blocker")))).isEqualTo("BLOCKED");
    assertThat(code(carol.call("call:invite", invite("nobody", "c-none")))).isEqualTo("NOT_FOUND");
    assertThat(code(carol.call("call:invite", invite("carol", "c-self"))))
        .isEqualTo("INVALID_ARGUMENT");

    ok(alice.call("call:invite", invite("bob", "ab")));
    // Before it is accepted, no signal passes.
    ObjectNode early = call("ab");
    early.putObject("offer").put("type", "offer").put("sdp", "v=0");
    assertThat(code(alice.call("call:offer", early))).isEqualTo("CALL_STATE");
    ok(bob.call("call:accept", call("ab")));

    ObjectNode intruding = call("ab");
    intruding.putObject("offer").put("type", "offer").put("sdp", "v=0 intruder");
    assertThat(code(carol.call("call:offer", intruding))).isEqualTo("CALL_NOT_FOUND");
    assertThat(code(carol.call("call:end", call("ab")))).isEqualTo("CALL_NOT_FOUND");
    assertThat(code(carol.call("call:accept", call("ab")))).isEqualTo("CALL_NOT_FOUND");
    assertThat(code(carol.call("call:accept", call("no-such-call")))).isEqualTo("CALL_NOT_FOUND");
    // A device of Bob's that is not the one in the call signals nothing.
    TestClient bob2 = connect(transport, "bob");
    assertThat(code(bob2.call("call:offer", intruding))).isEqualTo("CALL_STATE");
    // Another caller's callId is not refused as taken (that would reveal the call): the server
    // makes a fresh id for the new call, silently.
    connect(transport, "erin");
    JsonNode own = dave.call("call:invite", invite("erin", "ab"));
    ok(own);
    assertThat(own.path("call").path("callId").asText()).isNotEqualTo("ab");
    assertThat(own.path("call").path("caller").asText()).isEqualTo("dave");
    assertThat(code(dave.call("call:end", call("ab")))).isEqualTo("CALL_NOT_FOUND");
    ok(dave.call("call:end", call(own.path("call").path("callId").asText())));

    // Malformed and oversized signals.
    assertThat(code(alice.call("call:offer", call("ab").put("offer", 42))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(code(alice.call("call:offer", call("ab")))).isEqualTo("INVALID_ARGUMENT");
    assertThat(code(alice.call("call:mute", call("ab").put("muted", "yes"))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(code(alice.call("call:offer", call("ab").put("offer", "x").put("extra", 1))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(code(alice.call("call:offer", call("../etc").put("offer", "x"))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(code(alice.call("call:invite", TestClient.data().put("to", "bob"))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(code(alice.call("call:invite", invite("bob", "x").put("callType", "hologram"))))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(code(alice.call("call:offer", call("ab").put("offer", "a".repeat(70_000)))))
        .isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(code(alice.call("call:hologram", call("ab")))).isEqualTo("INVALID_ARGUMENT");

    // A user in a call cannot place another; a call to a user in one ends at once as busy.
    assertThat(code(alice.call("call:invite", invite("carol", "second")))).isEqualTo("BUSY");
    JsonNode busy = carol.call("call:invite", invite("alice", "to-busy"));
    ok(busy);
    assertThat(busy.path("call").path("state").asText()).isEqualTo("ended");
    assertThat(busy.path("call").path("outcome").asText()).isEqualTo("busy");
    assertThat(carol.await("call:end").data().path("outcome").asText()).isEqualTo("busy");

    Sockets.sync(alice, bob, carol, dave);
    assertThat(bob.received("call:offer")).isEmpty();
    assertThat(bob.received("call:invite")).hasSize(1);
    assertThat(dave.received("call:invite")).isEmpty();
    assertThat(alice.received("call:invite")).isEmpty();
    // The connection that was refused so often is still open and works.
    ObjectNode offer = call("ab");
    offer.putObject("offer").put("type", "offer").put("sdp", "v=0 real");
    ok(alice.call("call:offer", offer));
    assertThat(bob.await("call:offer").data().path("offer").path("sdp").asText())
        .isEqualTo("v=0 real");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aRejectedCallTellsTheCallerAndIsLogged(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");

    ok(alice.call("call:invite", TestClient.data().put("to", "bob").put("callType", "audio")));
    String callId = bob.await("call:invite").data().path("callId").asText();
    // The caller cannot reject, only hang up.
    assertThat(code(alice.call("call:reject", call(callId)))).isEqualTo("CALL_STATE");
    JsonNode rejected = bob.call("call:reject", call(callId));

    ok(rejected);
    assertThat(rejected.path("call").path("outcome").asText()).isEqualTo("rejected");
    assertThat(alice.await("call:reject").data().path("from").asText()).isEqualTo("bob");
    assertThat(alice.await("call:end").data().path("outcome").asText()).isEqualTo("rejected");
    assertThat(bob.await("call:end").data().path("outcome").asText()).isEqualTo("rejected");
    JsonNode entry =
        bob.await("message:new", m -> m.path("message").path("kind").asText().equals("call"))
            .data()
            .path("message");
    assertThat(entry.path("call").path("callType").asText()).isEqualTo("audio");
    assertThat(entry.path("call").path("outcome").asText()).isEqualTo("rejected");
    // An ended call cannot be accepted any more.
    assertThat(code(bob.call("call:accept", call(callId)))).isEqualTo("CALL_STATE");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallNobodyAnswersRingsOutAsMissedAndIsPushed(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    assertThat(
            server
                .rest(
                    "PUT",
                    "/api/v1/users/me/push-token",
                    server.token("bob"),
                    "{\"token\":\"ExponentPushToken[bob]\",\"platform\":\"ios\"}")
                .statusCode())
        .isEqualTo(200);
    ok(alice.call("call:invite", invite("bob", "ring-out")));
    bob.await("call:invite");

    timers.advance(RING.minusSeconds(1));
    Sockets.sync(alice, bob);
    assertThat(alice.received("call:end")).isEmpty();

    timers.advance(Duration.ofSeconds(1));

    assertThat(alice.await("call:end").data().path("outcome").asText()).isEqualTo("missed");
    assertThat(bob.await("call:end").data().path("outcome").asText()).isEqualTo("missed");
    JsonNode entry =
        alice
            .await("message:sent", m -> m.path("message").path("kind").asText().equals("call"))
            .data()
            .path("message");
    assertThat(entry.path("call").path("outcome").asText()).isEqualTo("missed");
    // The callee's list entry counts the missed call as unread.
    assertThat(
            bob.await("chat:update", u -> u.has("unreadCount")).data().path("unreadCount").asLong())
        .isEqualTo(1);
    assertThat(push.sentTo(UserId.of("bob")))
        .extracting(n -> n.body())
        .containsExactly("Missed video call");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aSideThatDropsFailsTheCallAfterTheGraceUnlessItComesBack(Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    ok(alice.call("call:invite", invite("bob", "drop-1")));
    ok(bob.call("call:accept", call("drop-1")));
    alice.await("call:accept");

    // Bob's device drops and another of his takes the call back within the grace period.
    bob.close();
    awaitAway();
    TestClient bobAgain = connect(transport, "bob");
    ok(bobAgain.call("call:accept", call("drop-1")));
    // The caller's device hears call:accept again, to offer to the new device.
    alice.await("call:accept", d -> alice.received("call:accept").size() == 2);
    timers.advance(GRACE.plusSeconds(1));
    Sockets.sync(alice, bobAgain);
    assertThat(alice.received("call:end")).isEmpty();
    ObjectNode offer = call("drop-1");
    offer.putObject("offer").put("type", "offer").put("sdp", "v=0 again");
    ok(alice.call("call:offer", offer));
    assertThat(bobAgain.await("call:offer").data().path("offer").path("sdp").asText())
        .isEqualTo("v=0 again");

    // Now the caller drops and does not come back.
    alice.close();
    awaitAway();
    timers.advance(GRACE);

    assertThat(bobAgain.await("call:end").data().path("outcome").asText()).isEqualTo("failed");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void videoCameraAndMuteSignalsPassAsSentAndAForgedFromIsRefusedWithoutAnAckToo(
      Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    ok(alice.call("call:invite", invite("bob", "v-1")));
    ok(bob.call("call:accept", call("v-1")));

    ok(alice.call("call:video", call("v-1").put("enabled", false)));
    ok(alice.call("call:camera-switch", call("v-1").put("facingMode", "environment")));
    // A client of the original system names itself in from: allowed when it is the truth.
    ok(bob.call("call:mute", call("v-1").put("muted", true).put("from", "bob")));

    JsonNode video = bob.await("call:video").data();
    assertThat(video.path("enabled").asBoolean(true)).isFalse();
    assertThat(video.path("from").asText()).isEqualTo("alice");
    JsonNode camera = bob.await("call:camera-switch").data();
    assertThat(camera.path("facingMode").asText()).isEqualTo("environment");
    assertThat(camera.path("callId").asText()).isEqualTo("v-1");
    assertThat(alice.await("call:mute").data().path("from").asText()).isEqualTo("bob");

    // Bob's client claims to be alice: refused, and alice hears nothing as if from herself.
    ObjectNode forged = call("v-1");
    forged.putObject("offer").put("type", "offer").put("sdp", "v=0 forged");
    assertThat(code(bob.call("call:offer", forged.deepCopy().put("from", "alice"))))
        .isEqualTo("INVALID_ARGUMENT");
    // Without an ack the refusal comes as message:error, naming the event.
    bob.emit("call:offer", forged.deepCopy().put("from", "alice"));
    JsonNode error = bob.await("message:error").data();
    assertThat(error.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.path("event").asText()).isEqualTo("call:offer");
    Sockets.sync(alice, bob);
    assertThat(alice.received("call:offer")).isEmpty();

    ok(bob.call("call:end", call("v-1")));
    // The call log is in the history over REST too, as every message is.
    JsonNode history =
        TestClient.parse(
                server.rest("GET", "/api/v1/chat/bob/messages", server.token("alice"), null).body())
            .path("data")
            .path("messages");
    JsonNode entry = history.get(history.size() - 1);
    assertThat(entry.path("kind").asText()).isEqualTo("call");
    assertThat(entry.path("call").path("callId").asText()).isEqualTo("v-1");
    assertThat(entry.path("call").path("outcome").asText()).isEqualTo("completed");
    assertThat(entry.path("call").path("callee").asText()).isEqualTo("bob");
    // And it is the chat's last message in the chat list.
    JsonNode chats =
        TestClient.parse(server.rest("GET", "/api/v1/chat", server.token("bob"), null).body())
            .path("data")
            .path("chats");
    assertThat(chats).hasSize(1);
    assertThat(chats.get(0).path("lastMessage").path("kind").asText()).isEqualTo("call");
    assertThat(chats.get(0).path("lastMessage").path("call").path("callId").asText())
        .isEqualTo("v-1");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anotherDeviceOfEitherUserTakesTheCallOverWithoutTheOldOneClosingFirst(Transport transport) {
    TestClient alice1 = connect(transport, "alice");
    TestClient bob1 = connect(transport, "bob");
    ok(alice1.call("call:invite", invite("bob", "move-1")));
    ok(bob1.call("call:accept", call("move-1")));
    alice1.await("call:accept");

    // Bob's client reconnects before the server hears its old connection close.
    TestClient bob2 = connect(transport, "bob");
    JsonNode bobBack = bob2.call("call:accept", call("move-1"));

    ok(bobBack);
    assertThat(bobBack.path("call").path("state").asText()).isEqualTo("accepted");
    assertThat(bob1.await("call:answered-elsewhere").data().path("callId").asText())
        .isEqualTo("move-1");
    // The caller's device hears call:accept again and offers to the new device.
    alice1.await("call:accept", d -> alice1.received("call:accept").size() == 2);

    // Alice's client does the same: its own accept answers "accepted", and it makes the offer.
    TestClient alice2 = connect(transport, "alice");
    JsonNode aliceBack = alice2.call("call:accept", call("move-1"));

    ok(aliceBack);
    assertThat(aliceBack.path("call").path("state").asText()).isEqualTo("accepted");
    alice1.await("call:answered-elsewhere");
    JsonNode rejoined = bob2.await("call:rejoined").data();
    assertThat(rejoined.path("callId").asText()).isEqualTo("move-1");
    assertThat(rejoined.path("from").asText()).isEqualTo("alice");
    ObjectNode offer = call("move-1");
    offer.putObject("offer").put("type", "offer").put("sdp", "v=0 moved");
    ok(alice2.call("call:offer", offer));
    assertThat(bob2.await("call:offer").data().path("offer").path("sdp").asText())
        .isEqualTo("v=0 moved");
    // The old devices are out of the call.
    assertThat(code(alice1.call("call:offer", offer))).isEqualTo("CALL_STATE");
    alice1.close();
    bob1.close();
    timers.advance(GRACE.plusSeconds(1));
    Sockets.sync(alice2, bob2);
    assertThat(alice2.received("call:end")).isEmpty();
    assertThat(bob1.received("call:offer")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aCallInAGroupIsForbiddenAndAnOfflineCalleeIsPushedTheIncomingCall(Transport transport) {
    // Carol has a phone but no connection.
    assertThat(
            server
                .rest(
                    "PUT",
                    "/api/v1/users/me/push-token",
                    server.token("carol"),
                    "{\"token\":\"ExponentPushToken[carol]\",\"platform\":\"ios\"}")
                .statusCode())
        .isEqualTo(200);
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");
    String group = server.createGroup("alice", "bob", "carol");

    JsonNode inGroup =
        alice.call("call:invite", TestClient.data().put("chatId", group).put("callType", "audio"));

    assertThat(code(inGroup)).isEqualTo("FORBIDDEN");
    Sockets.sync(alice, bob);
    assertThat(bob.received("call:invite")).isEmpty();
    assertThat(push.sentTo(UserId.of("carol"))).isEmpty();

    // A call to Carol reaches her phone as an urgent push.
    ok(alice.call("call:invite", invite("carol", "to-phone")));

    assertThat(push.sentTo(UserId.of("carol")))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.body()).isEqualTo("Incoming video call");
              assertThat(n.urgent()).isTrue();
            });
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aClientMessageIdInTheCallLogsPrefixIsRefusedSoThatNoMessageStandsInForACall(
      Transport transport) {
    TestClient alice = connect(transport, "alice");
    TestClient bob = connect(transport, "bob");

    JsonNode sent =
        alice.call(
            "sendMessage",
            TestClient.data().put("to", "bob").put("text", "hi").put("clientMessageId", "call:x"));
    assertThat(code(sent)).isEqualTo("INVALID_ARGUMENT");
    var rest =
        server.rest(
            "POST",
            "/api/v1/chat/bob/messages",
            server.token("alice"),
            "{\"text\":\"hi\",\"clientMessageId\":\"call:x\"}");
    assertThat(rest.statusCode()).isEqualTo(400);
    assertThat(TestClient.parse(rest.body()).path("error").path("code").asText())
        .isEqualTo("INVALID_ARGUMENT");
    // Other ids that merely contain it are the client's to use.
    ok(
        alice.call(
            "sendMessage",
            TestClient.data()
                .put("to", "bob")
                .put("text", "hi")
                .put("clientMessageId", "x-call:x")));

    // So call x, placed now, is logged and its callee told.
    ok(alice.call("call:invite", invite("bob", "x")));
    ok(alice.call("call:end", call("x")));
    JsonNode entry =
        bob.await("message:new", m -> m.path("message").path("kind").asText().equals("call"))
            .data()
            .path("message");
    assertThat(entry.path("call").path("callId").asText()).isEqualTo("x");
    assertThat(entry.path("call").path("outcome").asText()).isEqualTo("cancelled");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void withTheProductionFrameLimitAnOversizedOfferIsRefusedAndTheConnectionStaysUp(
      Transport transport) {
    try (TestServer production =
        new TestServer(
            TestServer.settings(),
            new InProcessSendRateLimit(1_000, 1_000, Clock.systemUTC()),
            new InProcessPresence(),
            HttpApiConfig.defaults(),
            clock,
            CallSettings.defaults(),
            timers,
            push)) {
      TestClient alice = transport.connect(production, "alice");
      TestClient bob = transport.connect(production, "bob");
      clients.add(alice);
      clients.add(bob);
      ok(alice.call("call:invite", invite("bob", "big")));
      ok(bob.call("call:accept", call("big")));
      ObjectNode huge = call("big");
      huge.putObject("offer").put("type", "offer").put("sdp", "a".repeat(70_000));

      alice.emit("call:offer", huge);

      JsonNode error = alice.await("message:error").data();
      assertThat(error.path("error").path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
      ObjectNode offer = call("big");
      offer.putObject("offer").put("type", "offer").put("sdp", "v=0 small");
      ok(alice.call("call:offer", offer));
      assertThat(bob.await("call:offer").data().path("offer").path("sdp").asText())
          .isEqualTo("v=0 small");
      assertThat(bob.received("call:offer")).hasSize(1);
    }
  }

  /**
   * Waits until the server has heard a socket of the call close: its grace timer is set, beside the
   * call's ring timer.
   */
  private void awaitAway() {
    timers.awaitPending(2, TestClient.TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"SOCKET_IO_WEBSOCKET", "PLAIN_WEBSOCKET"})
  void invitesPastTheLimitAreRefusedAsRateLimited(Transport transport) {
    TestClient dave = connect(transport, "dave");
    connect(transport, "erin");
    ok(dave.call("call:invite", invite("erin", "first")));
    for (int i = 2; i <= 10; i++) {
      assertThat(code(dave.call("call:invite", invite("erin", "again-" + i)))).isEqualTo("BUSY");
    }
    assertThat(code(dave.call("call:invite", invite("erin", "eleventh"))))
        .isEqualTo("RATE_LIMITED");
    // A retry of the placed call is not a new call: it is answered, not limited.
    JsonNode retried = dave.call("call:invite", invite("erin", "first"));
    ok(retried);
    assertThat(retried.path("call").path("state").asText()).isEqualTo("ringing");
  }
}
