package io.chat.domain.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BlockTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final SupportDesk DESK = SupportDesk.defaults();

  @Test
  void aUserBlocksAnother() {
    Block block = Block.of(ALICE, BOB, DESK, T0);

    assertThat(block.blocker()).isEqualTo(ALICE);
    assertThat(block.blocked()).isEqualTo(BOB);
    assertThat(block.createdAt()).isEqualTo(T0);
  }

  @Test
  void aBlockHasADirection() {
    assertThat(Block.of(ALICE, BOB, DESK, T0)).isNotEqualTo(Block.of(BOB, ALICE, DESK, T0));
  }

  @Test
  void nobodyBlocksThemselves() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> Block.of(ALICE, UserId.of("alice"), DESK, T0))
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new Block(BOB, BOB, T0));
  }

  @Test
  void nobodyBlocksTheSupportDesk() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> Block.of(ALICE, DESK.id(), DESK, T0))
        .withMessageContaining("support desk");
  }

  @Test
  void theSupportDeskBlocksNobody() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> Block.of(DESK.id(), ALICE, DESK, T0));
  }

  @Test
  void theConfiguredSupportDeskIsTheOneProtected() {
    SupportDesk helpdesk = new SupportDesk(new SystemUser(UserId.of("helpdesk"), "Help desk"));

    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> Block.of(ALICE, UserId.of("helpdesk"), helpdesk, T0));
    assertThat(Block.of(ALICE, SystemUser.DEFAULT_ID, helpdesk, T0).blocked())
        .isEqualTo(SystemUser.DEFAULT_ID);
  }

  @Test
  void aBlockedConversationIsReportedAsBlocked() {
    assertThat(new BlockedException().code()).isEqualTo(ErrorCode.BLOCKED);
  }
}
