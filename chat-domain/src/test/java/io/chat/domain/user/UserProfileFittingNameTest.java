package io.chat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserProfileFittingNameTest {
  private static final UserId ID = UserId.of("u1");

  @Test
  void namesAreMeasuredInCharactersNotUtf16Units() {
    String hundredEmoji = "\uD83D\uDE00".repeat(100);

    assertThat(new UserProfile(ID, hundredEmoji, Optional.empty(), false).fullName())
        .isEqualTo(hundredEmoji);
  }

  @Test
  void controlCharactersAreRemovedFromNames() {
    assertThat(new UserProfile(ID, "Ali\u0000ce\u0085\u007F", Optional.empty(), false).fullName())
        .isEqualTo("Alice");
  }

  @Test
  void aClaimedNameIsCleanedAndCutWithoutSplittingACharacter() {
    String tooLong = "a" + "\uD83D\uDE00".repeat(150);

    String fitted = UserProfile.fittingName(tooLong).orElseThrow();

    assertThat(fitted.codePointCount(0, fitted.length())).isEqualTo(UserProfile.MAX_NAME_LENGTH);
    assertThat(Character.isHighSurrogate(fitted.charAt(fitted.length() - 1))).isFalse();
    assertThat(UserProfile.fittingName("\u0001 \u0002")).isEmpty();
    assertThat(UserProfile.fittingName(null)).isEmpty();
    assertThat(UserProfile.fittingName("  Bob  ")).contains("Bob");
  }
}
