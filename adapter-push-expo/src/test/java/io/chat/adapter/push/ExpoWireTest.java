package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpoWireTest {

  @Test
  void aTokenInLogsShowsOnlyItsKindAndFourCharacters() {
    assertThat(ExpoWire.shortToken("ExponentPushToken[xxxxyyyyzzzz]"))
        .isEqualTo("ExponentPushToken[xxxx…");
    assertThat(ExpoWire.shortToken("abcdefgh")).isEqualTo("abcd…");
    assertThat(ExpoWire.shortToken("ab")).isEqualTo("ab…");
  }

  @Test
  void readsASingleTicketAnsweredWithoutAnArray() throws IOException {
    ExpoWire.Answer answer =
        ExpoWire.parse(
            """
            {"data": {"status": "error", "details": {"error": "DeviceNotRegistered",
              "expoPushToken": "ExponentPushToken[a]"}}}
            """
                .getBytes(StandardCharsets.UTF_8));

    assertThat(answer.tickets())
        .containsExactly(
            ExpoWire.Ticket.refused(
                ExpoWire.DEVICE_NOT_REGISTERED, Optional.of("ExponentPushToken[a]")));
  }

  @Test
  void keepsTheIdOfAnAcceptedTicket() throws IOException {
    ExpoWire.Answer answer =
        ExpoWire.parse(
            """
            {"data": [{"status": "ok", "id": "XXXX-1"}, {"status": "ok"}]}
            """
                .getBytes(StandardCharsets.UTF_8));

    assertThat(answer.tickets())
        .containsExactly(
            ExpoWire.Ticket.accepted(Optional.of("XXXX-1")),
            ExpoWire.Ticket.accepted(Optional.empty()));
  }

  @Test
  void anUrgentMessageAsksForHighPriorityAndAnOrdinaryOneForNone() throws IOException {
    JsonNode sent =
        new ObjectMapper()
            .readTree(
                ExpoWire.encode(
                    List.of(
                        new ExpoWire.Message("t1", "Alice", "Incoming voice call", "c", "a", true),
                        new ExpoWire.Message("t2", "Alice", "Hello", "c", "a"))));

    assertThat(sent.get(0).path("priority").asText()).isEqualTo("high");
    assertThat(sent.get(1).has("priority")).isFalse();
  }

  @Test
  void asksForReceiptsByTicketIds() {
    assertThat(new String(ExpoWire.encodeIds(List.of("a", "b")), StandardCharsets.UTF_8))
        .isEqualTo("{\"ids\":[\"a\",\"b\"]}");
  }

  @Test
  void readsReceiptsByIdKeepingOnlyTheErrorCodes() throws IOException {
    ExpoWire.Receipts receipts =
        ExpoWire.parseReceipts(
            """
            {"data": {
              "a": {"status": "ok"},
              "b": {"status": "error", "message": "ExponentPushToken[x] is gone",
                    "details": {"error": "DeviceNotRegistered"}},
              "c": {"status": "error", "message": "too big"}
            }}
            """
                .getBytes(StandardCharsets.UTF_8));

    assertThat(receipts.byId())
        .containsOnly(
            Map.entry("a", new ExpoWire.Receipt(true, "")),
            Map.entry("b", new ExpoWire.Receipt(false, ExpoWire.DEVICE_NOT_REGISTERED)),
            Map.entry("c", new ExpoWire.Receipt(false, "UNKNOWN")));
    assertThat(receipts.toString()).doesNotContain("ExponentPushToken");
  }

  @Test
  void keepsOnlyTheCodesOfRequestErrors() throws IOException {
    ExpoWire.Answer answer =
        ExpoWire.parse(
            """
            {"errors": [{"code": "PUSH_TOO_MANY_EXPERIENCE_IDS", "message": "secret text"}]}
            """
                .getBytes(StandardCharsets.UTF_8));

    assertThat(answer.requestErrors()).containsExactly("PUSH_TOO_MANY_EXPERIENCE_IDS");
    assertThat(answer.tickets()).isEmpty();
  }

  @Test
  void refusesAnEncodingItDidNotAskFor() {
    assertThatThrownBy(() -> ExpoWire.decode(new byte[] {1}, Optional.of("br")))
        .isInstanceOf(IOException.class);
  }
}
