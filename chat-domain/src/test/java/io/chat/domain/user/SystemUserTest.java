package io.chat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SystemUserTest {

  @Test
  void theDefaultsAreTheDocumentedIdAndName() {
    SystemUser system = SystemUser.defaults();

    assertThat(system.id()).isEqualTo(UserId.of("000000000000000000000001"));
    assertThat(system.displayName()).isEqualTo("Official Support");
  }

  @Test
  void aConfiguredSystemUserIsRecognisedByItsOwnIdOnly() {
    SystemUser system = new SystemUser(UserId.of("support"), "Help desk");

    assertThat(system.is(UserId.of("support"))).isTrue();
    assertThat(system.is(SystemUser.DEFAULT_ID)).isFalse();
  }

  @Test
  void theSystemUserNeedsADisplayName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SystemUser(SystemUser.DEFAULT_ID, " "));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SystemUser(SystemUser.DEFAULT_ID, null));
  }

  @Test
  void theSystemProfileCarriesTheConfiguredNameAndIsVerified() {
    UserProfile profile = new SystemUser(UserId.of("support"), "Help desk").profile();

    assertThat(profile.id()).isEqualTo(UserId.of("support"));
    assertThat(profile.fullName()).isEqualTo("Help desk");
    assertThat(profile.profilePic()).isEmpty();
    assertThat(profile.verified()).isTrue();
  }
}
