package io.chat.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatIdTest {

  @Test
  void aChatIdIsKeptInLowerCase() {
    ChatId upper = ChatId.of("65F0A1B2C3D4E5F601234ABC");

    assertThat(upper.value()).isEqualTo("65f0a1b2c3d4e5f601234abc");
    assertThat(upper).isEqualTo(ChatId.of("65f0a1b2c3d4e5f601234abc")).hasToString(upper.value());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "alice",
        "65f0a1b2c3d4e5f601234ab",
        "65f0a1b2c3d4e5f601234abcd",
        "zzzzzzzzzzzzzzzzzzzzzzzz"
      })
  void aChatIdIsTwentyFourHexDigitsOnly(String value) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ChatId.of(value))
        .withMessageContaining("chatId");
  }
}
