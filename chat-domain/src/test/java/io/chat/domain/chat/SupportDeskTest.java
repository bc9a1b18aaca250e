package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.ImpersonationException;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class SupportDeskTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final SupportDesk DESK = SupportDesk.defaults();
  private static final UserId DESK_ID = SystemUser.DEFAULT_ID;

  @Test
  void theDeskIsTheConfiguredSystemUserAndNobodyElse() {
    SupportDesk helpdesk = new SupportDesk(new SystemUser(UserId.of("helpdesk"), "Help desk"));

    assertThat(helpdesk.id()).isEqualTo(UserId.of("helpdesk"));
    assertThat(helpdesk.is(UserId.of("helpdesk"))).isTrue();
    assertThat(helpdesk.is(SystemUser.DEFAULT_ID)).isFalse();
    assertThat(DESK.is(ALICE)).isFalse();
  }

  @Test
  void nobodyActsAsTheDesk() {
    assertThatExceptionOfType(ImpersonationException.class)
        .isThrownBy(() -> DESK.requireNotImpersonatedBy(UserId.of("000000000000000000000001")))
        .returns(ErrorCode.FORBIDDEN, ChatException::code);
  }

  @Test
  void anOrdinaryUserActsAsThemselves() {
    assertThatNoException().isThrownBy(() -> DESK.requireNotImpersonatedBy(ALICE));
  }

  @Test
  void aChangeOfCaseDoesNotGetPastTheImpersonationCheck() {
    SupportDesk desk =
        new SupportDesk(new SystemUser(UserId.of("65f0a1b2c3d4e5f601234abc"), "Help desk"));

    assertThatExceptionOfType(ImpersonationException.class)
        .isThrownBy(() -> desk.requireNotImpersonatedBy(UserId.of("65F0A1B2C3D4E5F601234ABC")));
  }

  @Test
  void theDeskShowsWithItsConfiguredNameVerified() {
    SupportDesk helpdesk = new SupportDesk(new SystemUser(UserId.of("helpdesk"), "Help desk"));

    assertThat(helpdesk.profile().id()).isEqualTo(UserId.of("helpdesk"));
    assertThat(helpdesk.profile().fullName()).isEqualTo("Help desk");
    assertThat(helpdesk.profile().verified()).isTrue();
  }

  @Test
  void twoUsersHaveAUserChat() {
    assertThat(DESK.chatTypeBetween(ALICE, BOB)).isEqualTo(ChatType.USER_CHAT);
  }

  @Test
  void aUserAndTheDeskHaveASupportChatWhoeverComesFirst() {
    assertThat(DESK.chatTypeBetween(ALICE, DESK_ID)).isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(DESK.chatTypeBetween(DESK_ID, ALICE)).isEqualTo(ChatType.ADMIN_SUPPORT);
  }

  @Test
  void theConfiguredDeskDecidesWhatASupportChatIs() {
    SupportDesk helpdesk = new SupportDesk(new SystemUser(UserId.of("helpdesk"), "Help desk"));

    assertThat(helpdesk.chatTypeBetween(ALICE, UserId.of("helpdesk")))
        .isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(helpdesk.chatTypeBetween(ALICE, SystemUser.DEFAULT_ID))
        .isEqualTo(ChatType.USER_CHAT);
  }

  @Test
  void theDesksMessageLeavesTheChatWaitingForTheUserAndTheUsersOpensIt() {
    assertThat(DESK.statusAfterMessageFrom(DESK_ID)).isEqualTo(SupportStatus.WAITING_USER);
    assertThat(DESK.statusAfterMessageFrom(ALICE)).isEqualTo(SupportStatus.OPEN);
  }

  @Test
  void whatTheDeskIsToHearGoesToStaffAndWhatAUserIsToHearGoesToThem() {
    assertThat(DESK.isHeardByStaff(DESK_ID)).isTrue();
    assertThat(DESK.isHeardByStaff(ALICE)).isFalse();
  }

  @Test
  void theDeskHasNoPresence() {
    assertThat(DESK.hasPresence(DESK_ID)).isFalse();
    assertThat(DESK.hasPresence(ALICE)).isTrue();
  }

  @Test
  void theDeskGetsNoPushes() {
    assertThat(DESK.getsPushes(DESK_ID)).isFalse();
    assertThat(DESK.getsPushes(ALICE)).isTrue();
  }

  @Test
  void theDeskMutesNothing() {
    assertThat(DESK.mutes(DESK_ID)).isFalse();
    assertThat(DESK.mutes(ALICE)).isTrue();
  }

  @Test
  void nobodyBlocksTheDeskAndTheDeskBlocksNobody() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> DESK.requireNotInBlock(ALICE, DESK_ID))
        .withMessageContaining("support desk");
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> DESK.requireNotInBlock(DESK_ID, ALICE));
    assertThatNoException().isThrownBy(() -> DESK.requireNotInBlock(ALICE, BOB));
  }
}
