package io.chat.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupProfileTest {
  @Test
  void namesAreTrimmedCleanedAndOneToAHundredCharacters() {
    assertThat(GroupProfile.named("  Trip\u0007 ").name()).isEqualTo("Trip");
    assertThat(GroupProfile.named("x".repeat(100)).name()).hasSize(100);
    assertThatThrownBy(() -> GroupProfile.named("x".repeat(101)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> GroupProfile.named("   "))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> GroupProfile.named("\ud800"))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void descriptionsKeepNewlinesAndEmptyOnesAreNone() {
    GroupProfile profile =
        new GroupProfile("g", Optional.of(" line one\nline two "), Optional.of("  "));

    assertThat(profile.description()).contains("line one\nline two");
    assertThat(profile.avatarUrl()).isEmpty();
    assertThatThrownBy(() -> profile.withDescription(Optional.of("d".repeat(1_001))))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void avatarsAreWebUrls() {
    assertThat(
            GroupProfile.named("g").withAvatarUrl(Optional.of("https://x.test/a.png")).avatarUrl())
        .contains("https://x.test/a.png");
    assertThatThrownBy(
            () -> GroupProfile.named("g").withAvatarUrl(Optional.of("javascript:alert(1)")))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(
            () -> GroupProfile.named("g").withAvatarUrl(Optional.of("https://x.test/a b")))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
