package io.chat.adapter.ws.socketio;

import static io.chat.adapter.ws.socketio.SocketIoPacket.ACK;
import static io.chat.adapter.ws.socketio.SocketIoPacket.BINARY_ACK;
import static io.chat.adapter.ws.socketio.SocketIoPacket.BINARY_EVENT;
import static io.chat.adapter.ws.socketio.SocketIoPacket.CONNECT;
import static io.chat.adapter.ws.socketio.SocketIoPacket.CONNECT_ERROR;
import static io.chat.adapter.ws.socketio.SocketIoPacket.DISCONNECT;
import static io.chat.adapter.ws.socketio.SocketIoPacket.EVENT;
import static io.chat.adapter.ws.socketio.SocketIoPacket.NO_ACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.adapter.ws.transport.BoundedJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Socket.IO v5 packet codec on its own: every packet type, namespaces, ack ids, binary
 * attachment counts, event payloads, and malformed input of each kind.
 */
class SocketIoPacketTest {
  private static final BoundedJson JSON = new BoundedJson(64 * 1024);
  private static final String LONGEST_NAMESPACE = "/" + "n".repeat(127);

  static Stream<Arguments> wellFormed() {
    return Stream.of(
        Arguments.of("0", new SocketIoPacket(CONNECT, 0, "/", NO_ACK, "")),
        Arguments.of(
            "0{\"token\":\"t\"}", new SocketIoPacket(CONNECT, 0, "/", NO_ACK, "{\"token\":\"t\"}")),
        Arguments.of(
            "0/app,{\"token\":\"t\"}",
            new SocketIoPacket(CONNECT, 0, "/app", NO_ACK, "{\"token\":\"t\"}")),
        Arguments.of("0/app,", new SocketIoPacket(CONNECT, 0, "/app", NO_ACK, "")),
        Arguments.of("1/app,", new SocketIoPacket(DISCONNECT, 0, "/app", NO_ACK, "")),
        Arguments.of("1", new SocketIoPacket(DISCONNECT, 0, "/", NO_ACK, "")),
        Arguments.of("2[\"a\",{}]", new SocketIoPacket(EVENT, 0, "/", NO_ACK, "[\"a\",{}]")),
        Arguments.of(
            "2/app,[\"a\",{}]", new SocketIoPacket(EVENT, 0, "/app", NO_ACK, "[\"a\",{}]")),
        Arguments.of("2/app,7[\"a\",{}]", new SocketIoPacket(EVENT, 0, "/app", 7, "[\"a\",{}]")),
        Arguments.of("2/app,0[\"a\"]", new SocketIoPacket(EVENT, 0, "/app", 0, "[\"a\"]")),
        Arguments.of("27[\"a\"]", new SocketIoPacket(EVENT, 0, "/", 7, "[\"a\"]")),
        Arguments.of(
            "2/app,999999999999999[\"a\"]",
            new SocketIoPacket(EVENT, 0, "/app", 999_999_999_999_999L, "[\"a\"]")),
        Arguments.of("3/app,12[{\"ok\":true}]", ack("/app", 12, "[{\"ok\":true}]")),
        Arguments.of("312[]", ack("/", 12, "[]")),
        Arguments.of(
            "4/app,{\"message\":\"Auth required\"}",
            new SocketIoPacket(
                CONNECT_ERROR, 0, "/app", NO_ACK, "{\"message\":\"Auth required\"}")),
        Arguments.of(
            "51-/app,7[\"a\",{\"_placeholder\":true,\"num\":0}]",
            new SocketIoPacket(
                BINARY_EVENT, 1, "/app", 7, "[\"a\",{\"_placeholder\":true,\"num\":0}]")),
        Arguments.of(
            "52-[\"a\",{\"num\":0},{\"num\":1}]",
            new SocketIoPacket(BINARY_EVENT, 2, "/", NO_ACK, "[\"a\",{\"num\":0},{\"num\":1}]")),
        Arguments.of(
            "5999999-/app,[\"a\"]",
            new SocketIoPacket(BINARY_EVENT, 999_999, "/app", NO_ACK, "[\"a\"]")),
        Arguments.of(
            "61-/app,3[{\"num\":0}]",
            new SocketIoPacket(BINARY_ACK, 1, "/app", 3, "[{\"num\":0}]")),
        Arguments.of(
            "2" + LONGEST_NAMESPACE + ",[\"a\"]",
            new SocketIoPacket(EVENT, 0, LONGEST_NAMESPACE, NO_ACK, "[\"a\"]")));
  }

  private static SocketIoPacket ack(String namespace, long id, String data) {
    return new SocketIoPacket(ACK, 0, namespace, id, data);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void decodesTheHeaderAndLeavesTheData(String text, SocketIoPacket expected) throws Exception {
    assertThat(SocketIoPacket.decode(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void encodesEveryPacketAsItIsRead(String text, SocketIoPacket packet) {
    assertThat(packet.encode()).isEqualTo(text);
  }

  @Test
  void aNamespaceWithoutCommaEndsThePacket() throws Exception {
    assertThat(SocketIoPacket.decode("0/app")).isEqualTo(new SocketIoPacket(CONNECT, "/app", ""));
    assertThat(SocketIoPacket.decode("2/app7[]").namespace()).isEqualTo("/app7[]");
  }

  @Test
  void dataThatDoesNotStartWithSlashIsInTheDefaultNamespace() throws Exception {
    SocketIoPacket packet = SocketIoPacket.decode("2app,[\"a\"]");

    assertThat(packet.namespace()).isEqualTo("/");
    assertThat(packet.data()).isEqualTo("app,[\"a\"]");
  }

  @Test
  void theAckIdIsTheDigitsBeforeTheData() throws Exception {
    SocketIoPacket asked = SocketIoPacket.decode("2/app,42[\"a\"]");
    SocketIoPacket notAsked = SocketIoPacket.decode("2/app,[\"a\"]");

    assertThat(asked.ack()).isEqualTo(42);
    assertThat(asked.hasAck()).isTrue();
    assertThat(asked.data()).isEqualTo("[\"a\"]");
    assertThat(notAsked.ack()).isEqualTo(NO_ACK);
    assertThat(notAsked.hasAck()).isFalse();
    assertThat(SocketIoPacket.decode("2/app,0[]").hasAck()).as("0 is an ack id").isTrue();
  }

  @Test
  void theHeaderIsNotTrustedWithTheData() throws Exception {
    SocketIoPacket packet = SocketIoPacket.decode("2/app,{not json");

    assertThat(packet.data()).isEqualTo("{not json");
    assertThatThrownBy(() -> packet.event(JSON))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("An event is [name, payload]");
  }

  @Test
  void theHelpersWriteEventsAndAcksOfTheAppNamespace() {
    assertThat(SocketIoPacket.event("/app", "message:new", "{\"a\":1}", JSON).encode())
        .isEqualTo("2/app,[\"message:new\",{\"a\":1}]");
    assertThat(SocketIoPacket.event("/app", "say \"hi\"\n", "null", JSON).encode())
        .isEqualTo("2/app,[\"say \\\"hi\\\"\\n\",null]");
    assertThat(SocketIoPacket.ack("/app", 7, "{\"ok\":true}").encode())
        .isEqualTo("3/app,7[{\"ok\":true}]");
    assertThat(new SocketIoPacket(DISCONNECT, "/app", "").encode()).isEqualTo("1/app,");
  }

  @Test
  void anEmptyPacketIsMalformed() {
    assertThatThrownBy(() -> SocketIoPacket.decode(""))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("An empty packet");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7", "9/app,", "x", "/app,[\"a\"]", "-1", " 2[\"a\"]", "\u0662[\"a\"]"})
  void aPacketOfAnUnknownTypeIsMalformed(String text) {
    assertThatThrownBy(() -> SocketIoPacket.decode(text))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessageStartingWith("Unknown packet type");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5",
        "5-/app,[\"a\"]",
        "5/app,[\"a\"]",
        "51",
        "51/app,[\"a\"]",
        "5x-/app,[\"a\"]",
        "51234567-/app,[\"a\"]",
        "6-/app,1[]",
        "6",
      })
  void aBinaryPacketWithoutAWellFormedAttachmentCountIsMalformed(String text) {
    assertThatThrownBy(() -> SocketIoPacket.decode(text))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessageStartingWith("A binary packet starts with its attachment count");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2/app,1234567890123456[\"a\"]",
        "2/app,12345678901234567890[\"typing\",{}]",
        "21234567890123456",
        "3/app,99999999999999999999999999999999[]"
      })
  void anAckIdOfMoreThanFifteenDigitsIsMalformed(String text) {
    assertThatThrownBy(() -> SocketIoPacket.decode(text))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("An ack id is at most 15 digits");
  }

  @Test
  void aNamespaceOfMoreThan128CharactersIsMalformed() {
    String tooLong = LONGEST_NAMESPACE + "n";

    assertThatThrownBy(() -> SocketIoPacket.decode("0" + tooLong + ",{}"))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("A namespace is at most 128 characters");
    assertThatThrownBy(() -> SocketIoPacket.decode("0" + tooLong))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("A namespace is at most 128 characters");
  }

  @Test
  void aMalformedPacketHasNoStackTraceToFill() {
    assertThatThrownBy(() -> SocketIoPacket.decode("x"))
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
  }

  @Test
  void anEventIsItsNameAndItsFirstArgument() throws Exception {
    SocketIoPacket.Event send =
        SocketIoPacket.decode("2/app,7[\"sendMessage\",{\"to\":\"bob\"},\"ignored\"]").event(JSON);
    SocketIoPacket.Event bare = SocketIoPacket.decode("2/app,[\"typing\"]").event(JSON);

    assertThat(send.name()).isEqualTo("sendMessage");
    assertThat(send.payload().path("to").asText()).isEqualTo("bob");
    assertThat(bare.name()).isEqualTo("typing");
    assertThat(bare.payload()).as("no payload").isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "hello",
        "{",
        "[\"sendMessage\",{",
        "{}",
        "[]",
        "\"sendMessage\"",
        "42",
        "null",
        "[\"typing\",{\"to\":\"a\",\"to\":\"b\"}]",
        "[\"typing\",NaN]"
      })
  void anEventThatIsNoNonEmptyJsonArrayIsMalformed(String data) {
    SocketIoPacket packet = new SocketIoPacket(EVENT, "/app", data);

    assertThatThrownBy(() -> packet.event(JSON))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("An event is [name, payload]");
  }

  @Test
  void anEventNestedTooDeeplyIsMalformed() {
    SocketIoPacket packet =
        new SocketIoPacket(EVENT, "/app", "[\"typing\"," + "[".repeat(200) + "]".repeat(200) + "]");

    assertThatThrownBy(() -> packet.event(JSON))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("An event is [name, payload]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "[\"\"]", "[null]", "[{}]", "[[\"a\"]]", "[true,{}]"})
  void anEventWhoseNameIsNoNonEmptyStringIsMalformed(String data) {
    SocketIoPacket packet = new SocketIoPacket(EVENT, "/app", data);

    assertThatThrownBy(() -> packet.event(JSON))
        .isInstanceOf(SocketIoPacket.Malformed.class)
        .hasMessage("An event name is a non-empty string");
  }

  @Test
  void onlyPacketsThatTheProtocolCanCarryAreBuilt() {
    assertThatThrownBy(() -> new SocketIoPacket(7, "/", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SocketIoPacket(-1, "/", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SocketIoPacket(EVENT, 1, "/", NO_ACK, "[]"))
        .as("attachments on a packet that is not binary")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SocketIoPacket(EVENT, "app", "[]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SocketIoPacket(ACK, 0, "/", -2, "[]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
