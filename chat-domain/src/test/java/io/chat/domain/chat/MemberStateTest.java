package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MemberStateTest {

  @Test
  void aNewMemberHasEverythingAtZero() {
    assertThat(MemberState.NEW).isEqualTo(new MemberState(0, 0, 0));
    assertThat(MemberState.NEW.firstVisibleSeq()).isEqualTo(1);
  }

  @Test
  void marksAndCountersAreNeverNegative() {
    assertThatIllegalArgumentException().isThrownBy(() -> new MemberState(-1, 0, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new MemberState(0, -1, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new MemberState(0, 0, -1));
  }

  @Test
  void readingMovesTheReadMarkAndSetsTheUnreadLeft() {
    MemberState state = new MemberState(2, 1, 5);

    MemberState read = state.readUpTo(6, 1);

    assertThat(read).isEqualTo(new MemberState(6, 1, 1));
  }

  @Test
  void everythingUpToTheReadMarkIsSeenAndNothingAfterIt() {
    MemberState state = new MemberState(5, 0, 0);

    assertThat(state.hasSeen(1)).isTrue();
    assertThat(state.hasSeen(5)).isTrue();
    assertThat(state.hasSeen(6)).isFalse();
    assertThat(MemberState.NEW.hasSeen(1)).isFalse();
  }

  @Test
  void theReadMarkNeverMovesBackwards() {
    MemberState state = new MemberState(5, 0, 0);

    assertThat(state.readMarkWouldAdvance(4)).isFalse();
    assertThat(state.readMarkWouldAdvance(5)).isFalse();
    assertThat(state.readMarkWouldAdvance(6)).isTrue();
    assertThatIllegalArgumentException().isThrownBy(() -> state.readUpTo(4, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> state.readUpTo(5, 0));
  }

  @Test
  void clearingMovesTheClearMarkAndLeavesNothingUnread() {
    MemberState state = new MemberState(3, 1, 4);

    MemberState cleared = state.clearedUpTo(7);

    assertThat(cleared.clearedSeq()).isEqualTo(7);
    assertThat(cleared.unread()).isZero();
    assertThat(cleared.firstVisibleSeq()).isEqualTo(8);
  }

  @Test
  void clearingIsNotReading() {
    MemberState cleared = new MemberState(3, 1, 4).clearedUpTo(7);

    assertThat(cleared.readSeq()).isEqualTo(3);
  }

  @Test
  void theClearMarkNeverMovesBackwards() {
    MemberState state = new MemberState(0, 5, 0);

    assertThat(state.clearMarkWouldAdvance(4)).isFalse();
    assertThat(state.clearMarkWouldAdvance(5)).isFalse();
    assertThat(state.clearMarkWouldAdvance(6)).isTrue();
    assertThatIllegalArgumentException().isThrownBy(() -> state.clearedUpTo(4));
    assertThatIllegalArgumentException().isThrownBy(() -> state.clearedUpTo(5));
  }

  @Test
  void aMessageFromTheOtherSideAddsOneUnreadAndMovesNoMark() {
    assertThat(new MemberState(3, 2, 1).withOneMoreUnread()).isEqualTo(new MemberState(3, 2, 2));
  }
}
