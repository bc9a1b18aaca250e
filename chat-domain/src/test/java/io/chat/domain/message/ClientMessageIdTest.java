package io.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", "3f2b8c1e-7a1d-4c55-9f0e-0f7d2a9c1b11", "msg#42!", "~{}[]"})
  void printableAsciiIsAccepted(String value) {
    assertThat(ClientMessageId.of(value).value()).isEqualTo(value);
  }

  @Test
  void aKeyOfTheMaximumLengthIsAcceptedAndOneLongerIsRefused() {
    String longest = "k".repeat(ClientMessageId.MAX_LENGTH);

    assertThat(ClientMessageId.of(longest).value()).isEqualTo(longest);
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ClientMessageId.of(longest + "k"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "with space", "tab\t", "line\n", "clé", "\u007F", GRIN})
  void anythingElseIsRefused(String value) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ClientMessageId.of(value));
  }

  private static final String GRIN = "\uD83D\uDE00";

  @Test
  void theTextFormIsTheValue() {
    assertThat(ClientMessageId.of("abc")).hasToString("abc");
  }
}
