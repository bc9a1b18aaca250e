package io.chat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class SystemUserTest {

  @Test
  void theDefaultsAreTheDocumentedIdAndName() {
    SystemUser system = SystemUser.defaults();

    assertThat(system.id()).isEqualTo(UserId.of("000000000000000000000001"));
    assertThat(system.displayName()).isEqualTo("Official Support");
  }

  @Test
  void nobodyActsAsTheSystemUser() {
    SystemUser system = SystemUser.defaults();

    assertThatExceptionOfType(ImpersonationException.class)
        .isThrownBy(() -> system.requireNotImpersonatedBy(UserId.of("000000000000000000000001")))
        .returns(ErrorCode.FORBIDDEN, ChatException::code);
  }

  @Test
  void anOrdinaryUserActsAsThemselves() {
    SystemUser system = SystemUser.defaults();

    assertThatNoException().isThrownBy(() -> system.requireNotImpersonatedBy(UserId.of("alice")));
  }

  @Test
  void aChangeOfCaseDoesNotGetPastTheImpersonationCheck() {
    SystemUser system = new SystemUser(UserId.of("65f0a1b2c3d4e5f601234abc"), "Help desk");

    assertThatExceptionOfType(ImpersonationException.class)
        .isThrownBy(() -> system.requireNotImpersonatedBy(UserId.of("65F0A1B2C3D4E5F601234ABC")));
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
