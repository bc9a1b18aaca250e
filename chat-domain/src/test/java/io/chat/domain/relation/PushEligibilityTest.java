package io.chat.domain.relation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushEligibilityTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final UserId BOB = UserId.of("bob");
  private static final ChatId CHAT = ChatId.of("65f0a1b2c3d4e5f601234567");

  @Test
  void theDeskGetsNoPushAndAUserMay() {
    SupportDesk desk = SupportDesk.defaults();

    assertThat(PushEligibility.forRecipient(desk, SystemUser.DEFAULT_ID)).isFalse();
    assertThat(PushEligibility.forRecipient(desk, BOB)).isTrue();
  }

  @Test
  void anOnlineRecipientGetsNoPush() {
    assertThat(PushEligibility.whileOnline(true)).isFalse();
    assertThat(PushEligibility.whileOnline(false)).isTrue();
  }

  @Test
  void aMuteInForceSilencesThePushAndOneThatHasEndedDoesNot() {
    Mute forEver = new Mute(BOB, CHAT, Optional.empty());
    Mute untilT1 = new Mute(BOB, CHAT, Optional.of(T0.plusSeconds(60)));

    assertThat(PushEligibility.underMute(Optional.of(forEver), T0)).isFalse();
    assertThat(PushEligibility.underMute(Optional.of(untilT1), T0)).isFalse();
    assertThat(PushEligibility.underMute(Optional.of(untilT1), T0.plusSeconds(60))).isTrue();
    assertThat(PushEligibility.underMute(Optional.empty(), T0)).isTrue();
  }

  @Test
  void aPushNeedsARegisteredDevice() {
    assertThat(PushEligibility.toDevices(List.of())).isFalse();
    assertThat(PushEligibility.toDevices(List.of(PushToken.of("ExponentPushToken[b]", "ios"))))
        .isTrue();
  }
}
