package io.chat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "7", "_", "-", "user_42-X", "auth0-abc_DEF-123"})
  void lettersDigitsUnderscoreAndDashAreAllowed(String value) {
    assertThat(UserId.of(value).value()).isEqualTo(value);
  }

  @Test
  void sixtyFourCharactersAreAllowed() {
    String value = "a".repeat(64);

    assertThat(UserId.of(value).value()).isEqualTo(value);
  }

  @Test
  void sixtyFiveCharactersAreRefused() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> UserId.of("a".repeat(65)))
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "with space",
        " alice",
        "alice ",
        "alice\n",
        "a\tb",
        "a:b",
        "a.b",
        "a/b",
        "a@b",
        "élodie",
        "ユーザー",
        "\uD83D\uDE00",
        "a\u0000b"
      })
  void anythingOutsideTheAllowedCharactersIsRefused(String value) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new UserId(value))
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
  }

  @Test
  void anObjectIdInUpperCaseIsTheSameUserAsInLowerCase() {
    UserId upper = UserId.of("65F0A1B2C3D4E5F601234ABC");
    UserId lower = UserId.of("65f0a1b2c3d4e5f601234abc");

    assertThat(upper).isEqualTo(lower).hasSameHashCodeAs(lower);
    assertThat(upper.value()).isEqualTo("65f0a1b2c3d4e5f601234abc");
  }

  @Test
  void anObjectIdInMixedCaseIsLowerCased() {
    assertThat(UserId.of("65f0A1b2C3d4E5f601234aBc").value()).isEqualTo("65f0a1b2c3d4e5f601234abc");
  }

  @Test
  void anIdThatIsNotAnObjectIdKeepsItsCase() {
    assertThat(UserId.of("Alice").value()).isEqualTo("Alice");
    assertThat(UserId.of("Alice")).isNotEqualTo(UserId.of("alice"));
  }

  @Test
  void twentyFourLettersThatAreNotAllHexKeepTheirCase() {
    String notHex = "ABCDEF0123456789ABCDEF0G";

    assertThat(UserId.of(notHex).value()).isEqualTo(notHex);
  }

  @Test
  void hexIdsOfAnotherLengthKeepTheirCase() {
    assertThat(UserId.of("ABCDEF0123456789ABCDEF0").value()).isEqualTo("ABCDEF0123456789ABCDEF0");
    assertThat(UserId.of("ABCDEF0123456789ABCDEF012").value())
        .isEqualTo("ABCDEF0123456789ABCDEF012");
  }

  @Test
  void idsCompareByTheirText() {
    assertThat(UserId.of("alice")).isLessThan(UserId.of("bob"));
    assertThat(UserId.of("bob")).isGreaterThan(UserId.of("alice"));
    assertThat(UserId.of("alice").compareTo(UserId.of("alice"))).isZero();
  }

  @Test
  void theTextFormIsTheValue() {
    assertThat(UserId.of("alice")).hasToString("alice");
  }
}
