package io.chat.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind against the real server: each gets a 4xx envelope with the right code,
 * nothing is stored or broadcast, and the server keeps answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputsTest {
  private static final String SEND = "/api/v1/chat/{bob}/messages";
  private static final String HISTORY = "/api/v1/chat/{bob}/messages";
  private static final String MUTE = "/api/v1/chat/{bob}/mute";
  private static final String PUSH = "/api/v1/users/me/push-token";
  private static final String BY_ID = "/api/v1/chats/65a0000000000000000000aa";
  private static final String MESSAGE = BY_ID + "/messages/65a0000000000000000000bb";

  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  private static Arguments bad(
      String name, String method, String path, Object body, int status, String code) {
    return Arguments.of(name, method, path, body, status, code);
  }

  private static Arguments invalid(String name, String method, String path, Object body) {
    return bad(name, method, path, body, 400, "INVALID_ARGUMENT");
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        invalid("text is a number", "POST", SEND, "{\"text\":5}"),
        invalid("text is an array", "POST", SEND, "{\"text\":[\"hi\"]}"),
        invalid("text is an object", "POST", SEND, "{\"text\":{\"a\":1}}"),
        invalid("text is a boolean", "POST", SEND, "{\"text\":true}"),
        invalid("text is null", "POST", SEND, "{\"text\":null}"),
        invalid("text is missing", "POST", SEND, "{}"),
        invalid("no body at all", "POST", SEND, null),
        invalid("text is empty", "POST", SEND, "{\"text\":\"\"}"),
        invalid("text is only whitespace", "POST", SEND, "{\"text\":\"  \\n\\t  \"}"),
        invalid("text is only control characters", "POST", SEND, "{\"text\":\"\\u0000\\u0007\"}"),
        invalid("text is 4001 characters", "POST", SEND, "{\"text\":\"" + "a".repeat(4001) + "\"}"),
        invalid(
            "text is 4001 emoji (surrogate pairs)",
            "POST",
            SEND,
            "{\"text\":\"" + "\uD83D\uDE00".repeat(4001) + "\"}"),
        invalid("text is 60 KB", "POST", SEND, "{\"text\":\"" + "b".repeat(60_000) + "\"}"),
        invalid("text has a lone surrogate", "POST", SEND, "{\"text\":\"a\\ud800b\"}"),
        invalid(
            "clientMessageId is a number", "POST", SEND, "{\"text\":\"hi\",\"clientMessageId\":7}"),
        invalid(
            "clientMessageId is 101 characters",
            "POST",
            SEND,
            "{\"text\":\"hi\",\"clientMessageId\":\"" + "c".repeat(101) + "\"}"),
        invalid(
            "clientMessageId is not ASCII",
            "POST",
            SEND,
            "{\"text\":\"hi\",\"clientMessageId\":\"caf\u00e9\"}"),
        invalid("sender is not a field", "POST", SEND, "{\"text\":\"hi\",\"sender\":\"{bob}\"}"),
        invalid("garbage instead of JSON", "POST", SEND, "this is not json"),
        invalid("a JSON array", "POST", SEND, "[\"hi\"]"),
        invalid("a JSON string", "POST", SEND, "\"hi\""),
        invalid("trailing garbage", "POST", SEND, "{\"text\":\"hi\"} x"),
        invalid("duplicate keys", "POST", SEND, "{\"text\":\"a\",\"text\":\"b\"}"),
        invalid("nesting 200 deep", "POST", SEND, "{\"text\":" + nested(200) + "}"),
        invalid("JSON with comments", "POST", SEND, "{/* hi */\"text\":\"hi\"}"),
        invalid(
            "bytes that are not UTF-8",
            "POST",
            SEND,
            new byte[] {
              '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
            }),
        invalid(
            "user id with a space", "POST", "/api/v1/chat/bad%20id/messages", "{\"text\":\"hi\"}"),
        invalid(
            "user id of 65 characters",
            "POST",
            "/api/v1/chat/" + "u".repeat(65) + "/messages",
            "{\"text\":\"hi\"}"),
        invalid(
            "user id with unicode", "POST", "/api/v1/chat/caf%C3%A9/messages", "{\"text\":\"hi\"}"),
        invalid("sending to myself", "POST", "/api/v1/chat/{alice}/messages", "{\"text\":\"hi\"}"),
        bad(
            "sending to an unknown user",
            "POST",
            "/api/v1/chat/" + "0123456789abcdef01234567/messages",
            "{\"text\":\"hi\"}",
            404,
            "NOT_FOUND"),
        invalid(
            "message id that is not an id", "POST", "/api/v1/chat/{bob}/messages/xyz/seen", null),
        invalid("negative limit", "GET", HISTORY + "?limit=-1", null),
        invalid("zero limit", "GET", HISTORY + "?limit=0", null),
        invalid("absurd limit", "GET", HISTORY + "?limit=100000", null),
        invalid("limit past a long", "GET", HISTORY + "?limit=99999999999999999999999", null),
        invalid("limit that is a word", "GET", HISTORY + "?limit=ten", null),
        invalid("limit that is a decimal", "GET", HISTORY + "?limit=1.5", null),
        invalid("before that is a word", "GET", HISTORY + "?before=abc", null),
        invalid("before zero", "GET", HISTORY + "?before=0", null),
        invalid("negative after", "GET", HISTORY + "?after=-5", null),
        invalid("before and after together", "GET", HISTORY + "?before=3&after=1", null),
        invalid("chat list limit of 201", "GET", "/api/v1/chat?limit=201", null),
        invalid(
            "a cursor this server never gave", "GET", "/api/v1/chat?cursor=bm90LWEtY3Vyc29y", null),
        invalid("mute until a word", "POST", MUTE, "{\"until\":\"tomorrow\"}"),
        invalid("mute until the past", "POST", MUTE, "{\"until\":\"2001-01-01T00:00:00Z\"}"),
        invalid("mute until a number", "POST", MUTE, "{\"until\":1700000000}"),
        invalid(
            "mute until past the year 9999",
            "POST",
            MUTE,
            "{\"until\":\"+999999999-12-31T23:59:59Z\"}"),
        invalid(
            "mute until the largest instant",
            "POST",
            MUTE,
            "{\"until\":\"+1000000000-12-31T23:59:59.999999999Z\"}"),
        invalid("mute with an unknown field", "POST", MUTE, "{\"for\":\"ever\"}"),
        invalid("push token missing", "PUT", PUSH, "{\"platform\":\"ios\"}"),
        invalid("push token with spaces", "PUT", PUSH, "{\"token\":\"a b c\"}"),
        invalid(
            "push platform unknown", "PUT", PUSH, "{\"token\":\"t-1\",\"platform\":\"windows\"}"),
        invalid("blocking an invalid id", "POST", "/api/v1/users/not%20valid/block", null),
        invalid("edit text is a number", "PATCH", MESSAGE, "{\"text\":5}"),
        invalid("edit without a body", "PATCH", MESSAGE, null),
        invalid("edit with a sender", "PATCH", MESSAGE, "{\"text\":\"x\",\"sender\":\"y\"}"),
        invalid("edit to empty text", "PATCH", MESSAGE, "{\"text\":\" \"}"),
        invalid("delete for nobody", "DELETE", MESSAGE + "?for=nobody", null),
        invalid("a reaction that is a word", "PUT", MESSAGE + "/reactions/like", null),
        invalid(
            "a reaction of two emoji",
            "PUT",
            MESSAGE + "/reactions/%F0%9F%91%8D%F0%9F%91%8D",
            null),
        invalid("a reaction of bad UTF-8", "PUT", MESSAGE + "/reactions/%F0%9F", null),
        invalid("a message id that is not an id", "PUT", BY_ID + "/messages/xyz/pin", null),
        invalid("changes since a negative number", "GET", BY_ID + "/changes?since=-1", null),
        invalid("changes with a limit of 201", "GET", BY_ID + "/changes?limit=201", null),
        invalid("forward into a number", "POST", MESSAGE + "/forward", "{\"chatId\":5}"),
        invalid("forward into nothing", "POST", MESSAGE + "/forward", "{}"),
        invalid(
            "reply to a number", "POST", BY_ID + "/messages", "{\"text\":\"hi\",\"replyTo\":5}"),
        invalid("a delivered seq below zero", "POST", BY_ID + "/delivered", "{\"seq\":-1}"),
        invalid("a delivered seq as a string", "POST", BY_ID + "/delivered", "{\"seq\":\"3\"}"),
        invalid("a delivered seq as a decimal", "POST", BY_ID + "/delivered", "{\"seq\":2.5}"),
        invalid("a delivered receipt without seq", "POST", BY_ID + "/delivered", "{}"),
        invalid("a delivered receipt without a body", "POST", BY_ID + "/delivered", null),
        invalid("archived that is not a boolean", "GET", "/api/v1/chats?archived=maybe", null),
        bad(
            "body over 64 KiB",
            "POST",
            SEND,
            "{\"text\":\"" + "z".repeat(70_000) + "\"}",
            413,
            "PAYLOAD_TOO_LARGE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedWithTheRightCodeAndNothingIsStored(
      String name, String method, String path, Object body, int status, String code) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    // The chat exists (empty), so that refusals are about the input, not about a missing chat.
    assertThat(server.get(TestServer.chat(bob), alice).status()).isEqualTo(200);
    int deliveriesBefore = server.events.deliveries().size();
    String resolved = path.replace("{bob}", bob.id()).replace("{alice}", alice.id());
    byte[] bytes =
        body == null
            ? new byte[0]
            : body instanceof byte[] raw
                ? raw
                : ((String) body).replace("{bob}", bob.id()).getBytes(StandardCharsets.UTF_8);

    Response r =
        body == null
            ? server.send(method, resolved, "Bearer " + alice.token(), null)
            : server.sendBytes(method, resolved, alice, bytes);

    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.json().path("success").asBoolean()).isFalse();
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    assertThat(server.get("/api/v1/chat", alice).data().path("chats")).isEmpty();
    assertThat(server.get("/api/v1/chat", bob).data().path("chats")).isEmpty();
    assertThat(server.events.deliveries()).hasSize(deliveriesBefore);
    assertThat(server.get("/health", null).status()).isEqualTo(200);
  }
}
