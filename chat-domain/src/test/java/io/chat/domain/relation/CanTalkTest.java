package io.chat.domain.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.chat.domain.chat.ChatWithSelfException;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanTalkTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final UserId CAROL = UserId.of("carol");
  private static final UserId DAVE = UserId.of("dave");

  @Test
  void nobodyTalksToThemselves() {
    assertThatExceptionOfType(ChatWithSelfException.class)
        .isThrownBy(() -> CanTalk.requireNotSelf(ALICE, UserId.of("alice")))
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
    assertThatNoException().isThrownBy(() -> CanTalk.requireNotSelf(ALICE, BOB));
  }

  @Test
  void nothingPassesWhileEitherBlocksTheOther() {
    assertThatExceptionOfType(BlockedException.class)
        .isThrownBy(() -> CanTalk.requireUnblocked(true))
        .returns(ErrorCode.BLOCKED, ChatException::code);
    assertThatNoException().isThrownBy(() -> CanTalk.requireUnblocked(false));
  }

  @Test
  void aUserTalksWithThoseNotBlockedEitherWayAndNeverWithThemselves() {
    assertThat(CanTalk.among(ALICE, List.of(ALICE, BOB, CAROL, DAVE), Set.of(CAROL)))
        .containsExactlyInAnyOrder(BOB, DAVE);
    assertThat(CanTalk.among(ALICE, List.of(BOB), Set.of())).containsExactly(BOB);
  }

  @Test
  void theChatsOfEverybodyBlockedEitherWayLeaveTheList() {
    assertThat(CanTalk.unlisted(Set.of(BOB, CAROL))).containsExactlyInAnyOrder(BOB, CAROL);
    assertThat(CanTalk.unlisted(Set.of())).isEmpty();
  }
}
