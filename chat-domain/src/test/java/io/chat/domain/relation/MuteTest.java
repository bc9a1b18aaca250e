package io.chat.domain.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MuteTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));
  private static final UserId ALICE = UserId.of("alice");
  private static final ChatId CHAT = ChatId.of("65f0a1b2c3d4e5f601234567");

  private static Optional<Mute> toggle(Optional<Mute> current, Optional<Instant> until) {
    return Mute.toggled(current, ALICE, CHAT, until, NOW);
  }

  @Test
  void togglingAnUnmutedChatMutesItForEver() {
    assertThat(toggle(Optional.empty(), Optional.empty()))
        .contains(new Mute(ALICE, CHAT, Optional.empty()));
  }

  @Test
  void togglingAMutedChatUnmutesIt() {
    Optional<Mute> muted = toggle(Optional.empty(), Optional.empty());

    assertThat(toggle(muted, Optional.empty())).isEmpty();
  }

  @Test
  void togglingAChatMutedUntilLaterUnmutesIt() {
    Optional<Mute> muted = Optional.of(new Mute(ALICE, CHAT, Optional.of(IN_AN_HOUR)));

    assertThat(toggle(muted, Optional.empty())).isEmpty();
  }

  @Test
  void anEndInTheFutureMutesUntilThen() {
    assertThat(toggle(Optional.empty(), Optional.of(IN_AN_HOUR)))
        .contains(new Mute(ALICE, CHAT, Optional.of(IN_AN_HOUR)));
  }

  @Test
  void anEndReplacesAnActiveMute() {
    Optional<Mute> forEver = Optional.of(new Mute(ALICE, CHAT, Optional.empty()));

    assertThat(toggle(forEver, Optional.of(IN_AN_HOUR)))
        .contains(new Mute(ALICE, CHAT, Optional.of(IN_AN_HOUR)));
  }

  @Test
  void anEndInThePastOrNowIsRefused() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> toggle(Optional.empty(), Optional.of(NOW.minusSeconds(1))));
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> toggle(Optional.empty(), Optional.of(NOW)));
  }

  @Test
  void anExpiredMuteCountsAsNoMuteSoTogglingMutesAgain() {
    Optional<Mute> expired = Optional.of(new Mute(ALICE, CHAT, Optional.of(NOW.minusSeconds(1))));

    assertThat(toggle(expired, Optional.empty())).contains(new Mute(ALICE, CHAT, Optional.empty()));
  }

  @Test
  void aMuteEndingRightNowHasExpired() {
    Optional<Mute> endingNow = Optional.of(new Mute(ALICE, CHAT, Optional.of(NOW)));

    assertThat(toggle(endingNow, Optional.empty()))
        .contains(new Mute(ALICE, CHAT, Optional.empty()));
  }

  @Test
  void aMuteWithoutEndIsAlwaysActive() {
    Mute mute = new Mute(ALICE, CHAT, Optional.empty());

    assertThat(mute.isActiveAt(NOW)).isTrue();
    assertThat(mute.isActiveAt(NOW.plus(Duration.ofDays(3650)))).isTrue();
  }

  @Test
  void aMuteWithAnEndStopsWhenTheEndIsReached() {
    Mute mute = new Mute(ALICE, CHAT, Optional.of(IN_AN_HOUR));

    assertThat(mute.isActiveAt(NOW)).isTrue();
    assertThat(mute.isActiveAt(IN_AN_HOUR.minusMillis(1))).isTrue();
    assertThat(mute.isActiveAt(IN_AN_HOUR)).isFalse();
    assertThat(mute.isActiveAt(IN_AN_HOUR.plusSeconds(1))).isFalse();
  }

  @Test
  void anEndPastTheYear9999IsRefusedAndTheEndOf9999IsTaken() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> toggle(Optional.empty(), Optional.of(Instant.MAX)))
        .withMessageContaining("at the latest 9999-12-31T23:59:59Z");
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> toggle(Optional.empty(), Optional.of(Mute.LATEST_END.plusSeconds(1))));
    assertThat(toggle(Optional.empty(), Optional.of(Mute.LATEST_END)))
        .contains(new Mute(ALICE, CHAT, Optional.of(Mute.LATEST_END)));
  }
}
