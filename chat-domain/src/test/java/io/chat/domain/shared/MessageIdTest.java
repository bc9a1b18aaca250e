package io.chat.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdTest {

  @Test
  void aMessageIdIsKeptInLowerCase() {
    MessageId upper = MessageId.of("65F0A1B2C3D4E5F601234ABC");

    assertThat(upper.value()).isEqualTo("65f0a1b2c3d4e5f601234abc");
    assertThat(upper)
        .isEqualTo(MessageId.of("65f0a1b2c3d4e5f601234abc"))
        .hasToString(upper.value());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "42",
        "65f0a1b2c3d4e5f601234ab",
        "65f0a1b2c3d4e5f601234abcd",
        "65f0a1b2c3d4e5f60123 abc"
      })
  void aMessageIdIsTwentyFourHexDigitsOnly(String value) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> MessageId.of(value))
        .withMessageContaining("messageId");
  }
}
