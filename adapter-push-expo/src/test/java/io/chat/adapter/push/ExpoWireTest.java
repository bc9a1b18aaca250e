package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
            new ExpoWire.Ticket(
                false, ExpoWire.DEVICE_NOT_REGISTERED, Optional.of("ExponentPushToken[a]")));
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
