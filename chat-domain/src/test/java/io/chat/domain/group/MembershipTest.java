package io.chat.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MembershipTest {
  private static final Membership JOINED_AT_5 =
      Membership.joined(
          ChatId.of("0123456789abcdef01234567"),
          UserId.of("mia"),
          GroupRole.MEMBER,
          5,
          Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void aMemberSeesFromTheirJoinAndHasNothingUnreadBeforeIt() {
    assertThat(JOINED_AT_5.firstVisibleSeq()).isEqualTo(5);
    assertThat(JOINED_AT_5.canSee(4, 10)).isFalse();
    assertThat(JOINED_AT_5.canSee(5, 10)).isTrue();
    assertThat(JOINED_AT_5.canSee(10, 10)).isTrue();
    assertThat(JOINED_AT_5.unreadFloor()).isEqualTo(4);
    assertThat(JOINED_AT_5.isCurrent()).isTrue();
  }

  @Test
  void aFormerMemberSeesUpToTheEntryOfTheirLeaveAndNothingNewer() {
    Membership left = JOINED_AT_5.leftAt(8);

    assertThat(left.lastVisibleSeq(20)).isEqualTo(8);
    assertThat(left.canSee(8, 20)).isTrue();
    assertThat(left.canSee(9, 20)).isFalse();
    assertThat(left.role()).isEqualTo(GroupRole.MEMBER);
    assertThatThrownBy(() -> left.leftAt(9)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void marksNeverMoveBackwardsAndClearingMovesTheStartOfHistory() {
    Membership read = JOINED_AT_5.readUpTo(9);

    assertThat(read.readUpTo(7)).isSameAs(read);
    assertThat(read.readSeq()).isEqualTo(9);
    Membership cleared = read.clearedUpTo(12);
    assertThat(cleared.firstVisibleSeq()).isEqualTo(13);
    assertThat(cleared.clearedUpTo(10)).isSameAs(cleared);
    assertThat(cleared.unreadFloor()).isEqualTo(12);
  }

  @Test
  void onlyAFormerMemberHidesTheGroup() {
    assertThatThrownBy(JOINED_AT_5::hiddenFromList).isInstanceOf(ChatException.class);
    assertThat(JOINED_AT_5.leftAt(6).hiddenFromList().hidden()).isTrue();
    assertThatThrownBy(
            () ->
                new Membership(
                    JOINED_AT_5.chatId(),
                    JOINED_AT_5.user(),
                    GroupRole.MEMBER,
                    5,
                    4,
                    0,
                    0,
                    JOINED_AT_5.joinedAt(),
                    false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
