package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class PairKeyTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");

  @Test
  void theKeyDoesNotDependOnWhoSpeaksFirst() {
    assertThat(PairKey.of(ALICE, BOB)).isEqualTo(PairKey.of(BOB, ALICE));
    assertThat(PairKey.of(BOB, ALICE).value()).isEqualTo("alice:bob");
  }

  @Test
  void theIdsAreSorted() {
    PairKey key = PairKey.of(BOB, ALICE);

    assertThat(key.first()).isEqualTo(ALICE);
    assertThat(key.second()).isEqualTo(BOB);
    assertThat(key.members()).containsExactly(ALICE, BOB);
  }

  @Test
  void nobodyPairsWithThemselves() {
    assertThatExceptionOfType(ChatWithSelfException.class)
        .isThrownBy(() -> PairKey.of(ALICE, UserId.of("alice")))
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
  }

  @Test
  void anObjectIdInAnotherCaseIsStillTheSameUser() {
    assertThatExceptionOfType(ChatWithSelfException.class)
        .isThrownBy(
            () ->
                PairKey.of(
                    UserId.of("65F0A1B2C3D4E5F601234ABC"), UserId.of("65f0a1b2c3d4e5f601234abc")));
  }

  @Test
  void theConstructorTakesTwoDifferentIdsInOrderOnly() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PairKey(BOB, ALICE));
    assertThatIllegalArgumentException().isThrownBy(() -> new PairKey(ALICE, ALICE));
  }

  @Test
  void theOtherMemberIsTheOneWhoIsNotGiven() {
    PairKey key = PairKey.of(ALICE, BOB);

    assertThat(key.other(ALICE)).isEqualTo(BOB);
    assertThat(key.other(BOB)).isEqualTo(ALICE);
  }

  @Test
  void aStrangerHasNoOtherMember() {
    assertThatExceptionOfType(NotAParticipantException.class)
        .isThrownBy(() -> PairKey.of(ALICE, BOB).other(UserId.of("carol")))
        .returns(ErrorCode.FORBIDDEN, ChatException::code);
  }

  @Test
  void thePairContainsItsTwoMembersOnly() {
    PairKey key = PairKey.of(ALICE, BOB);

    assertThat(key.contains(ALICE)).isTrue();
    assertThat(key.contains(BOB)).isTrue();
    assertThat(key.contains(UserId.of("carol"))).isFalse();
  }

  @Test
  void theTextFormParsesBackToTheSameKey() {
    PairKey key = PairKey.of(UserId.of("user_9-Z"), UserId.of("65f0a1b2c3d4e5f601234abc"));

    assertThat(PairKey.parse(key.value())).isEqualTo(key);
    assertThat(key).hasToString(key.value());
  }

  @Test
  void parsingRefusesTextThatIsNotAKey() {
    assertThatIllegalArgumentException().isThrownBy(() -> PairKey.parse("alice"));
    assertThatIllegalArgumentException().isThrownBy(() -> PairKey.parse("bob:alice"));
    assertThatIllegalArgumentException().isThrownBy(() -> PairKey.parse("alice:alice"));
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> PairKey.parse("alice:bob:carol"));
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> PairKey.parse(":bob"));
  }
}
