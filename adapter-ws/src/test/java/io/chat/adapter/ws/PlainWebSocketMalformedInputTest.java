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
 * Every malformed frame on {@code /ws} is answered with an error (by ack when the frame asked for
 * one, else {@code message:error}), changes nothing, and leaves the socket usable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainWebSocketMalformedInputTest {
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

  static Stream<Arguments> frames() {
    return Stream.of(
        Arguments.of("not JSON", "hello", "INVALID_ARGUMENT", false),
        Arguments.of("a JSON array", "[1,2]", "INVALID_ARGUMENT", false),
        Arguments.of("a JSON string", "\"sendMessage\"", "INVALID_ARGUMENT", false),
        Arguments.of("a JSON number", "42", "INVALID_ARGUMENT", false),
        Arguments.of("JSON null", "null", "INVALID_ARGUMENT", false),
        Arguments.of("truncated JSON", "{\"event\":\"sendMessage\",", "INVALID_ARGUMENT", false),
        Arguments.of("no event", "{\"data\":{}}", "INVALID_ARGUMENT", false),
        Arguments.of("a numeric event", "{\"event\":42}", "INVALID_ARGUMENT", false),
        Arguments.of("an empty event", "{\"event\":\"\",\"ack\":1}", "INVALID_ARGUMENT", true),
        Arguments.of(
            "a textual ack",
            "{\"event\":\"sendMessage\",\"ack\":\"1\"}",
            "INVALID_ARGUMENT",
            false),
        Arguments.of(
            "a negative ack", "{\"event\":\"sendMessage\",\"ack\":-1}", "INVALID_ARGUMENT", false),
        Arguments.of(
            "a fractional ack",
            "{\"event\":\"sendMessage\",\"ack\":1.5}",
            "INVALID_ARGUMENT",
            false),
        Arguments.of(
            "no payload", "{\"event\":\"sendMessage\",\"ack\":1}", "INVALID_ARGUMENT", true),
        Arguments.of(
            "a null payload",
            "{\"event\":\"sendMessage\",\"data\":null,\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a string payload",
            "{\"event\":\"sendMessage\",\"data\":\"hi\",\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "an array payload",
            "{\"event\":\"sendMessage\",\"data\":[],\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of("no recipient", send("{\"text\":\"x\"}"), "INVALID_ARGUMENT", true),
        Arguments.of(
            "a numeric recipient", send("{\"to\":7,\"text\":\"x\"}"), "INVALID_ARGUMENT", true),
        Arguments.of(
            "a malformed recipient",
            send("{\"to\":\"b o b\",\"text\":\"x\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "an unknown recipient", send("{\"to\":\"nobody\",\"text\":\"x\"}"), "NOT_FOUND", true),
        Arguments.of(
            "oneself as recipient",
            send("{\"to\":\"SELF\",\"text\":\"x\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of("no text", send("{\"to\":\"bob\"}"), "INVALID_ARGUMENT", true),
        Arguments.of(
            "a text with a lone surrogate",
            send("{\"to\":\"bob\",\"text\":\"a\\ud800b\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a sender named by the client (sender)",
            send("{\"to\":\"bob\",\"text\":\"x\",\"sender\":\"bob\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a sender named by the client (from)",
            send("{\"to\":\"bob\",\"text\":\"x\",\"from\":\"bob\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a numeric text", send("{\"to\":\"bob\",\"text\":7}"), "INVALID_ARGUMENT", true),
        Arguments.of(
            "a blank text", send("{\"to\":\"bob\",\"text\":\"  \\n \"}"), "INVALID_ARGUMENT", true),
        Arguments.of(
            "a text too long",
            send("{\"to\":\"bob\",\"text\":\"" + LONG_TEXT + "\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "an empty clientMessageId",
            send("{\"to\":\"bob\",\"text\":\"x\",\"clientMessageId\":\"\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a numeric clientMessageId",
            send("{\"to\":\"bob\",\"text\":\"x\",\"clientMessageId\":5}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "typing without recipient",
            "{\"event\":\"typing\",\"data\":{},\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "typing as a string",
            "{\"event\":\"typing\",\"data\":{\"to\":\"bob\",\"isTyping\":\"yes\"},\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "typing to someone without a chat",
            "{\"event\":\"typing\",\"data\":{\"to\":\"bob\"},\"ack\":1}",
            "NOT_FOUND",
            true),
        Arguments.of(
            "seen with a malformed message id",
            "{\"event\":\"seen\",\"data\":{\"to\":\"bob\",\"messageId\":\"zz\"},\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "seen with a malformed chat id",
            "{\"event\":\"seen\",\"data\":{\"to\":\"bob\",\"messageId\":\"0123456789abcdef01234567\",\"chatId\":\"c\"},\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "seen of an unknown message",
            "{\"event\":\"seen\",\"data\":{\"to\":\"bob\",\"messageId\":\"0123456789abcdef01234567\"},\"ack\":1}",
            "NOT_FOUND",
            true),
        Arguments.of(
            "an edit without messageId",
            event("editMessage", "{\"chatId\":\"0123456789abcdef01234567\",\"text\":\"x\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "an edit with a numeric messageId",
            event(
                "editMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":5,\"text\":\"x\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "an edit with a text too long",
            event(
                "editMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"text\":\""
                    + LONG_TEXT
                    + "\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "an edit of an unknown message",
            event(
                "editMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"text\":\"x\"}"),
            "NOT_FOUND",
            true),
        Arguments.of(
            "an edit naming its sender",
            event(
                "editMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"text\":\"x\",\"from\":\"bob\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a deletion with forEveryone as a string",
            event(
                "deleteMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"forEveryone\":\"yes\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a deletion of an unknown message",
            event(
                "deleteMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"forEveryone\":true}"),
            "NOT_FOUND",
            true),
        Arguments.of(
            "a reaction that is no emoji",
            event(
                "react",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"emoji\":\"ab\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a reaction without emoji",
            event(
                "react",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a reaction with on as a string",
            event(
                "react",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\",\"emoji\":\"+\",\"on\":\"no\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a pin with a malformed chat id",
            event("pinMessage", "{\"chatId\":\"c\",\"messageId\":\"0123456789abcdef01234567\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a pin of an unknown message",
            event(
                "pinMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"messageId\":\"0123456789abcdef01234567\"}"),
            "NOT_FOUND",
            true),
        Arguments.of(
            "a reply to a numeric id",
            event(
                "sendMessage",
                "{\"chatId\":\"0123456789abcdef01234567\",\"text\":\"x\",\"replyTo\":5}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a reply by recipient",
            event(
                "sendMessage",
                "{\"to\":\"bob\",\"text\":\"x\",\"replyTo\":\"0123456789abcdef01234567\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt without seq",
            event("delivered", "{\"chatId\":\"0123456789abcdef01234567\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt with a negative seq",
            event("delivered", "{\"chatId\":\"0123456789abcdef01234567\",\"seq\":-1}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt with a textual seq",
            event("delivered", "{\"chatId\":\"0123456789abcdef01234567\",\"seq\":\"1\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt with a fractional seq",
            event("delivered", "{\"chatId\":\"0123456789abcdef01234567\",\"seq\":1.5}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt with a seq past a long",
            event(
                "delivered",
                "{\"chatId\":\"0123456789abcdef01234567\",\"seq\":100000000000000000000}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt without chatId",
            event("delivered", "{\"seq\":1}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt naming its sender",
            event(
                "delivered",
                "{\"chatId\":\"0123456789abcdef01234567\",\"seq\":1,\"from\":\"bob\"}"),
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "a receipt for an unknown chat",
            event("delivered", "{\"chatId\":\"0123456789abcdef01234567\",\"seq\":1}"),
            "NOT_FOUND",
            true),
        Arguments.of(
            "an unknown event",
            "{\"event\":\"join\",\"data\":{\"room\":\"staff\"},\"ack\":1}",
            "INVALID_ARGUMENT",
            true),
        Arguments.of(
            "an unknown event without ack",
            "{\"event\":\"join\",\"data\":{\"room\":\"staff\"}}",
            "INVALID_ARGUMENT",
            false),
        Arguments.of(
            "a payload too large",
            send("{\"to\":\"bob\",\"text\":\"" + HUGE + "\"}"),
            "PAYLOAD_TOO_LARGE",
            false),
        Arguments.of(
            "JSON nested too deep",
            "{\"event\":\"typing\",\"data\":" + "[".repeat(200) + "]".repeat(200) + "}",
            "INVALID_ARGUMENT",
            false),
        Arguments.of(
            "duplicate keys",
            "{\"event\":\"typing\",\"event\":\"sendMessage\"}",
            "INVALID_ARGUMENT",
            false));
  }

  private static String send(String data) {
    return event("sendMessage", data);
  }

  private static String event(String event, String data) {
    return "{\"event\":\"" + event + "\",\"data\":" + data + ",\"ack\":1}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void aMalformedFrameIsAnsweredWithAnErrorAndChangesNothing(
      String description, String frame, String code, boolean byAck) {
    String me = "user" + users.incrementAndGet();
    try (WsClient client = WsClient.connect(server.port(), server.token(me))) {
      bob.clear();

      client.sendText(frame.replace("SELF", me));

      JsonNode error =
          byAck ? client.await("ack", d -> true).data() : client.await("message:error").data();
      assertThat(error.path("error").path("code").asText()).isEqualTo(code);
      assertThat(error.path("error").path("message").asText()).isNotBlank();
      if (byAck) {
        assertThat(error.path("ok").asBoolean(true)).isFalse();
      }
      bob.sync();
      assertThat(bob.changes("ok")).isEmpty();
      stillUsable(client);
    }
  }

  @Test
  void aBinaryFrameIsAnsweredWithAnError() {
    try (WsClient client = WsClient.connect(server.port(), server.token("binary-sender"))) {
      client.sendBinary(new byte[] {1, 2, 3});

      JsonNode error = client.await("message:error").data();

      assertThat(error.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
      stillUsable(client);
    }
  }

  private void stillUsable(WsClient client) {
    JsonNode ok = client.call("sendMessage", TestClient.data().put("to", "bob").put("text", "ok"));
    assertThat(ok.path("ok").asBoolean()).isTrue();
    bob.await("message:new", d -> d.path("message").path("text").asText().equals("ok"));
  }
}
