package io.chat.adapter.ws.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.adapter.ws.engineio.EnginePacket.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Engine.IO 4 packet codec on its own: packets and polling payloads, well-formed or not. */
class EnginePacketTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0{"sid":"s"}     | OPEN    | {"sid":"s"}
          1                | CLOSE   |
          2                | PING    |
          2probe           | PING    | probe
          3                | PONG    |
          3probe           | PONG    | probe
          4                | MESSAGE |
          4hello           | MESSAGE | hello
          42/app,1["a",{}] | MESSAGE | 2/app,1["a",{}]
          5                | UPGRADE |
          6                | NOOP    |
          bAQID            | BINARY  | AQID
          """)
  void decodesEveryPacketType(String text, Type type, String data) throws Exception {
    EnginePacket packet = EnginePacket.decode(text);

    assertThat(packet.type()).isEqualTo(type);
    assertThat(packet.data()).isEqualTo(data == null ? "" : data);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void encodesEveryTypeAsItsCharacterThenItsDataAndReadsItBack(Type type) throws Exception {
    EnginePacket packet = new EnginePacket(type, "data \u00e9\u001f");

    String text = packet.encode();

    assertThat(text).isEqualTo(type.code() + "data \u00e9\u001f");
    assertThat(EnginePacket.decode(text)).isEqualTo(packet);
    assertThat(EnginePacket.of(type).encode()).isEqualTo(String.valueOf(type.code()));
  }

  @Test
  void theTypesAreTheCharactersOfTheProtocol() {
    assertThat(List.of(Type.values()))
        .extracting(Type::code)
        .containsExactly('0', '1', '2', '3', '4', '5', '6', 'b');
  }

  @Test
  void anEmptyPacketIsMalformed() {
    assertThatThrownBy(() -> EnginePacket.decode(""))
        .isInstanceOf(EnginePacket.Malformed.class)
        .hasMessage("An empty packet");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"7", "9hello", "x", "B", "{\"sid\":1}", " 4hello", "\u0664", "\ud83d\ude00"})
  void aPacketOfAnUnknownTypeIsMalformed(String text) {
    assertThatThrownBy(() -> EnginePacket.decode(text))
        .isInstanceOf(EnginePacket.Malformed.class)
        .hasMessageStartingWith("Unknown packet type");
  }

  @Test
  void aMalformedPacketHasNoStackTraceToFill() {
    assertThatThrownBy(() -> EnginePacket.decode("x"))
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
  }

  @Test
  void aPollingPayloadIsSplitAtEachRecordSeparator() {
    assertThat(EnginePacket.splitPayload("4a\u001e2\u001e4b")).containsExactly("4a", "2", "4b");
    assertThat(EnginePacket.splitPayload("4hello")).containsExactly("4hello");
    // Empty pieces are kept: each is an (empty, so malformed) packet of its own.
    assertThat(EnginePacket.splitPayload("")).containsExactly("");
    assertThat(EnginePacket.splitPayload("4a\u001e")).containsExactly("4a", "");
    assertThat(EnginePacket.splitPayload("\u001e\u001e")).containsExactly("", "", "");
  }

  @Test
  void packetsAreJoinedIntoOnePayloadInOrder() {
    assertThat(EnginePacket.joinPayload(List.of("4a", "2", "4b"))).isEqualTo("4a\u001e2\u001e4b");
    assertThat(EnginePacket.joinPayload(List.of("6"))).isEqualTo("6");
    assertThat(EnginePacket.joinPayload(List.of())).isEmpty();
    assertThat(EnginePacket.splitPayload(EnginePacket.joinPayload(List.of("4x", "1"))))
        .containsExactly("4x", "1");
  }

  @Test
  void aPayloadEndsTheSessionWhenItsLastPacketIsAClose() {
    assertThat(EnginePacket.endsWithClose("1")).isTrue();
    assertThat(EnginePacket.endsWithClose("4a\u001e1")).isTrue();
    assertThat(EnginePacket.endsWithClose("4a")).isFalse();
    assertThat(EnginePacket.endsWithClose("41")).as("a message whose data ends in 1").isFalse();
    assertThat(EnginePacket.endsWithClose("1\u001e4a")).isFalse();
    assertThat(EnginePacket.endsWithClose("")).isFalse();
  }

  @Test
  void theOpenPacketAdvertisesTheSessionAndItsHeartbeat() {
    assertThat(EnginePacket.open("abc", true, 25_000, 20_000, 262_144))
        .isEqualTo(
            "0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":262144}");
    assertThat(EnginePacket.open("abc", false, 300, 700, 4096))
        .isEqualTo(
            "0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":300,"
                + "\"pingTimeout\":700,\"maxPayload\":4096}");
  }
}
