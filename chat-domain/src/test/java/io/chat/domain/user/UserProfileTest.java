package io.chat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserProfileTest {
  private static final UserId ALICE = UserId.of("alice");

  @Test
  void theNameIsTrimmed() {
    UserProfile profile = new UserProfile(ALICE, "  Alice Martin \n", Optional.empty(), false);

    assertThat(profile.fullName()).isEqualTo("Alice Martin");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t\n "})
  void aMissingOrBlankNameIsRefused(String name) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new UserProfile(ALICE, name, Optional.empty(), false));
  }

  @Test
  void aNameOfTheMaximumLengthIsAccepted() {
    String name = "n".repeat(UserProfile.MAX_NAME_LENGTH);

    assertThat(new UserProfile(ALICE, name, Optional.empty(), false).fullName()).isEqualTo(name);
  }

  @Test
  void aNameLongerThanTheMaximumIsRefused() {
    String name = "n".repeat(UserProfile.MAX_NAME_LENGTH + 1);

    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new UserProfile(ALICE, name, Optional.empty(), false));
  }

  @Test
  void theLengthLimitAppliesAfterTrimming() {
    String name = "  " + "n".repeat(UserProfile.MAX_NAME_LENGTH) + "  ";

    assertThat(new UserProfile(ALICE, name, Optional.empty(), false).fullName())
        .hasSize(UserProfile.MAX_NAME_LENGTH);
  }

  @Test
  void thePictureIsTrimmed() {
    UserProfile profile =
        new UserProfile(ALICE, "Alice", Optional.of(" https://cdn.example/a.png "), false);

    assertThat(profile.profilePic()).contains("https://cdn.example/a.png");
  }

  @Test
  void aBlankPictureMeansNoPicture() {
    UserProfile profile = new UserProfile(ALICE, "Alice", Optional.of("   "), false);

    assertThat(profile.profilePic()).isEmpty();
  }

  @Test
  void aPictureOfTheMaximumLengthIsAcceptedAndOneLongerIsRefused() {
    String longest = "p".repeat(UserProfile.MAX_PICTURE_LENGTH);

    assertThat(new UserProfile(ALICE, "Alice", Optional.of(longest), false).profilePic())
        .contains(longest);
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new UserProfile(ALICE, "Alice", Optional.of(longest + "p"), false));
  }

  @Test
  void theIdAndTheOptionalPictureAreRequired() {
    assertThatNullPointerException()
        .isThrownBy(() -> new UserProfile(null, "Alice", Optional.empty(), false));
    assertThatNullPointerException().isThrownBy(() -> new UserProfile(ALICE, "Alice", null, false));
  }

  @Test
  void aDeletedUserShowsAsDeletedUserWithoutPictureAndUnverified() {
    UserProfile deleted = UserProfile.deleted(ALICE);

    assertThat(deleted.id()).isEqualTo(ALICE);
    assertThat(deleted.fullName()).isEqualTo("Deleted user");
    assertThat(deleted.profilePic()).isEmpty();
    assertThat(deleted.verified()).isFalse();
  }

  @Test
  void aPlaceholderNameEndsWithTheLastSixCharactersOfTheId() {
    UserId id = UserId.of("65f0a1b2c3d4e5f601234abc");

    UserProfile placeholder = UserProfile.placeholder(id);

    assertThat(placeholder.fullName()).isEqualTo("User 234abc");
    assertThat(placeholder.profilePic()).isEmpty();
    assertThat(placeholder.verified()).isFalse();
  }

  @Test
  void aPlaceholderForAShortIdUsesTheWholeId() {
    assertThat(UserProfile.placeholder(UserId.of("bob")).fullName()).isEqualTo("User bob");
  }
}
