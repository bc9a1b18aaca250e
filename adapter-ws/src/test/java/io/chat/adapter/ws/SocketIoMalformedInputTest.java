package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed packet in {@code /app}, over WebSocket and over polling, is answered with an
 * error (by ack when the packet asked for one, else {@code message:error}), changes nothing, and
 * leaves the socket usable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoMalformedInputTest {
  private static final String LONG_TEXT = "x".repeat(4_001);
  private static final String HUGE = "y".repeat(70_000);

  private TestServer server;
  private WsClient bob;
  private final AtomicInteger users = new AtomicInteger();

  @BeforeAll
  void start() {
    server = TestServer.withoutSendLimit(TestServer.settings());
    bob = WsClient.connect(server.port(), server.token("bob"));
  }

  @AfterAll
  void stop() {
    bob.close();
    server.close();
  }

  static Stream<Arguments> packets() {
    Stream<Object[]> cases =
        Stream.of(
            new Object[] {"an event without data", "42/app,", "INVALID_ARGUMENT", -1},
            new Object[] {"an event that is an object", "42/app,{}", "INVALID_ARGUMENT", -1},
            new Object[] {"an empty event array", "42/app,[]", "INVALID_ARGUMENT", -1},
            new Object[] {"a numeric event name", "42/app,[1]", "INVALID_ARGUMENT", -1},
            new Object[] {"an empty event name", "42/app,7[\"\"]", "INVALID_ARGUMENT", 7},
            new Object[] {"truncated JSON", "42/app,7[\"sendMessage\",{", "INVALID_ARGUMENT", 7},
            new Object[] {"no payload", "42/app,[\"sendMessage\"]", "INVALID_ARGUMENT", -1},
            new Object[] {
              "no payload with ack", "42/app,7[\"sendMessage\"]", "INVALID_ARGUMENT", 7
            },
            new Object[] {
              "a string payload", "42/app,7[\"sendMessage\",\"hi\"]", "INVALID_ARGUMENT", 7
            },
            new Object[] {
              "a null payload", "42/app,7[\"sendMessage\",null]", "INVALID_ARGUMENT", 7
            },
            new Object[] {
              "no text", "42/app,7[\"sendMessage\",{\"to\":\"bob\"}]", "INVALID_ARGUMENT", 7
            },
            new Object[] {
              "a numeric text",
              "42/app,7[\"sendMessage\",{\"to\":\"bob\",\"text\":1}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a blank clientMessageId",
              "42/app,7[\"sendMessage\",{\"to\":\"bob\",\"text\":\"x\",\"clientMessageId\":\" \"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a sender named by the client (from)",
              "42/app,7[\"sendMessage\",{\"to\":\"bob\",\"text\":\"x\",\"from\":\"bob\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a sender named by the client (senderId)",
              "42/app,7[\"sendMessage\",{\"to\":\"bob\",\"text\":\"x\",\"senderId\":\"bob\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "typing with an unknown field",
              "42/app,7[\"typing\",{\"to\":\"bob\",\"from\":\"bob\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "an unknown recipient",
              "42/app,7[\"sendMessage\",{\"to\":\"nobody\",\"text\":\"x\"}]",
              "NOT_FOUND",
              7
            },
            new Object[] {
              "a malformed recipient",
              "42/app,7[\"sendMessage\",{\"to\":\"../x\",\"text\":\"x\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "typing as a string",
              "42/app,7[\"typing\",{\"to\":\"bob\",\"isTyping\":\"no\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "seen of a malformed id",
              "42/app,7[\"seen\",{\"to\":\"bob\",\"messageId\":\"zz\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "seen of an unknown message",
              "42/app,7[\"seen\",{\"to\":\"bob\",\"messageId\":\"0123456789abcdef01234567\"}]",
              "NOT_FOUND",
              7
            },
            new Object[] {
              "an edit without messageId",
              "42/app,7[\"editMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"text\":\"x\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "an edit with a numeric messageId",
              "42/app,7[\"editMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":5,\"text\":\"x\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "an edit with a text too long",
              "42/app,7[\"editMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"text\":\""
                  + LONG_TEXT
                  + "\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "an edit of an unknown message",
              "42/app,7[\"editMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"text\":\"x\"}]",
              "NOT_FOUND",
              7
            },
            new Object[] {
              "an edit naming its sender",
              "42/app,7[\"editMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"text\":\"x\",\"sender\":\"bob\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a deletion with forEveryone as a string",
              "42/app,7[\"deleteMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"forEveryone\":\"yes\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a deletion of an unknown message",
              "42/app,7[\"deleteMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\"}]",
              "NOT_FOUND",
              7
            },
            new Object[] {
              "a reaction that is no emoji",
              "42/app,7[\"react\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"emoji\":\"ab\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a reaction with on as a number",
              "42/app,7[\"react\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"emoji\":\"+\",\"on\":1}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a pin without chatId",
              "42/app,7[\"pinMessage\",{\"messageId\":\"0123456789abcdef01234567\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a pin of an unknown message",
              "42/app,7[\"pinMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"on\":true}]",
              "NOT_FOUND",
              7
            },
            new Object[] {
              "a reply to a malformed id",
              "42/app,7[\"sendMessage\",{\"chatId\":\"0123456789abcdef01234567\",\"text\":\"x\",\"replyTo\":\"zz\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a receipt without seq",
              "42/app,7[\"delivered\",{\"chatId\":\"0123456789abcdef01234567\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a receipt with a negative seq",
              "42/app,7[\"delivered\",{\"chatId\":\"0123456789abcdef01234567\",\"seq\":-1}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a receipt with a textual seq",
              "42/app,7[\"delivered\",{\"chatId\":\"0123456789abcdef01234567\",\"seq\":\"1\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a receipt with a fractional seq",
              "42/app,7[\"delivered\",{\"chatId\":\"0123456789abcdef01234567\",\"seq\":1.5}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a receipt naming its sender",
              "42/app,7[\"delivered\",{\"chatId\":\"0123456789abcdef01234567\",\"seq\":1,\"sender\":\"bob\"}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {
              "a receipt for an unknown chat",
              "42/app,7[\"delivered\",{\"chatId\":\"0123456789abcdef01234567\",\"seq\":1}]",
              "NOT_FOUND",
              7
            },
            new Object[] {
              "an unknown event", "42/app,7[\"join\",{\"room\":\"staff\"}]", "INVALID_ARGUMENT", 7
            },
            new Object[] {
              "an unknown event without ack",
              "42/app,[\"leave\",{\"room\":\"bob\"}]",
              "INVALID_ARGUMENT",
              -1
            },
            new Object[] {
              "a binary event",
              "451-/app,7[\"sendMessage\",{\"_placeholder\":true,\"num\":0}]",
              "INVALID_ARGUMENT",
              7
            },
            new Object[] {"an unknown Socket.IO type", "49/app,", "INVALID_ARGUMENT", -1},
            new Object[] {"a Socket.IO type that is no digit", "4x", "INVALID_ARGUMENT", -1},
            new Object[] {"an empty Socket.IO packet", "4", "INVALID_ARGUMENT", -1},
            new Object[] {
              "an ack id too long",
              "42/app,12345678901234567890[\"typing\",{}]",
              "INVALID_ARGUMENT",
              -1
            },
            new Object[] {"an unknown Engine.IO type", "x", "INVALID_ARGUMENT", -1},
            new Object[] {"a base64 binary message", "bAQID", "INVALID_ARGUMENT", -1},
            new Object[] {
              "a packet too large",
              "42/app,7[\"sendMessage\",{\"to\":\"bob\",\"text\":\"" + HUGE + "\"}]",
              "PAYLOAD_TOO_LARGE",
              7
            },
            new Object[] {
              "JSON nested too deep",
              "42/app,7[\"typing\"," + "[".repeat(200) + "]".repeat(200) + "]",
              "INVALID_ARGUMENT",
              7
            });
    return cases.flatMap(
        c ->
            Stream.of(true, false)
                .map(
                    websocket ->
                        Arguments.of(websocket ? "websocket" : "polling", c[0], c[1], c[2], c[3])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("packets")
  void aMalformedPacketIsAnsweredWithAnErrorAndChangesNothing(
      String transport, String description, String packet, String code, int ack) {
    try (RawEngineIo client = RawEngineIo.open(server.port(), transport.equals("websocket"))) {
      client.connectApp(server.token("user" + users.incrementAndGet()));
      bob.clear();

      client.send(packet);

      JsonNode answer;
      if (ack >= 0) {
        String reply = client.await(p -> p.startsWith("43/app," + ack + "["));
        answer = TestClient.parse(reply.substring(("43/app," + ack).length())).get(0);
        assertThat(answer.path("ok").asBoolean(true)).isFalse();
      } else {
        String reply = client.await(p -> p.startsWith("42/app,[\"message:error\""));
        answer = TestClient.parse(reply.substring("42/app,".length())).get(1);
      }
      assertThat(answer.path("error").path("code").asText()).isEqualTo(code);
      bob.sync();
      assertThat(bob.changes("ok")).isEmpty();
      stillUsable(client);
    }
  }

  @Test
  void aBinaryWebSocketFrameIsAnsweredWithAnError() {
    try (RawEngineIo client = RawEngineIo.open(server.port(), true)) {
      client.connectApp(server.token("binary-sender"));

      client.sendBinary(new byte[] {4, 1, 2});

      String reply = client.await(p -> p.startsWith("42/app,[\"message:error\""));
      assertThat(reply).contains("INVALID_ARGUMENT");
      stillUsable(client);
    }
  }

  private void stillUsable(RawEngineIo client) {
    client.send("42/app,100[\"sendMessage\",{\"to\":\"bob\",\"text\":\"ok\"}]");
    String reply = client.await(p -> p.startsWith("43/app,100["));
    assertThat(reply).contains("\"ok\":true");
    bob.await("message:new", d -> d.path("message").path("text").asText().equals("ok"));
  }
}
