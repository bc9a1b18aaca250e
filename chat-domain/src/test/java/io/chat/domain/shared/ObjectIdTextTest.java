package io.chat.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectIdTextTest {

  @Test
  void twentyFourHexDigitsAreKeptInLowerCase() {
    assertThat(ObjectIdText.require("65F0A1B2C3D4E5F601234ABC", "chatId"))
        .isEqualTo("65f0a1b2c3d4e5f601234abc");
    assertThat(ObjectIdText.require("65f0a1b2c3d4e5f601234abc", "chatId"))
        .isEqualTo("65f0a1b2c3d4e5f601234abc");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "65f0a1b2c3d4e5f601234ab",
        "65f0a1b2c3d4e5f601234abcd",
        "65f0a1b2c3d4e5f601234abg",
        " 65f0a1b2c3d4e5f601234abc",
        "65f0a1b2c3d4e5f601234abc\n",
        "65f0a1b2-c3d4-e5f6-0123-4abc"
      })
  void anythingElseIsRefusedNamingTheField(String text) {
    assertThat(ObjectIdText.isObjectId(text)).isFalse();
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ObjectIdText.require(text, "messageId"))
        .withMessageContaining("messageId")
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
  }

  @Test
  void eitherCaseIsAnObjectId() {
    assertThat(ObjectIdText.isObjectId("ABCDEFABCDEFABCDEFABCDEF")).isTrue();
    assertThat(ObjectIdText.isObjectId("abcdefabcdefabcdefabcdef")).isTrue();
  }
}
