package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class ChatTypeTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");

  @Test
  void twoUsersHaveAUserChat() {
    assertThat(ChatType.between(ALICE, BOB, SystemUser.defaults())).isEqualTo(ChatType.USER_CHAT);
  }

  @Test
  void aUserAndTheSystemUserHaveASupportChatWhoeverComesFirst() {
    SystemUser system = SystemUser.defaults();

    assertThat(ChatType.between(ALICE, system.id(), system)).isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(ChatType.between(system.id(), ALICE, system)).isEqualTo(ChatType.ADMIN_SUPPORT);
  }

  @Test
  void theConfiguredSystemUserDecidesWhatASupportChatIs() {
    SystemUser system = new SystemUser(UserId.of("helpdesk"), "Help desk");

    assertThat(ChatType.between(ALICE, UserId.of("helpdesk"), system))
        .isEqualTo(ChatType.ADMIN_SUPPORT);
    assertThat(ChatType.between(ALICE, SystemUser.DEFAULT_ID, system))
        .isEqualTo(ChatType.USER_CHAT);
  }

  @Test
  void wireNamesRoundTrip() {
    assertThat(ChatType.USER_CHAT.wire()).isEqualTo("user_chat");
    assertThat(ChatType.ADMIN_SUPPORT.wire()).isEqualTo("admin_support");
    for (ChatType type : ChatType.values()) {
      assertThat(ChatType.fromWire(type.wire())).isEqualTo(type);
    }
  }

  @Test
  void anUnknownWireNameIsRefused() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ChatType.fromWire("USER_CHAT"));
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ChatType.fromWire(null));
  }
}
