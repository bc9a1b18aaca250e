package io.chat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PushTokenTest {

  @Test
  void anExpoTokenWithAPlatformIsAccepted() {
    PushToken token = PushToken.of("ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]", "ios");

    assertThat(token.token()).isEqualTo("ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]");
    assertThat(token.platform()).contains("ios");
  }

  @Test
  void thePlatformIsOptional() {
    assertThat(PushToken.of("token", null).platform()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ios", "android", "web"})
  void theKnownPlatformsAreAccepted(String platform) {
    assertThat(PushToken.of("token", platform).platform()).contains(platform);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iOS", "windows", "", " ios"})
  void anyOtherPlatformIsRefused(String platform) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> PushToken.of("token", platform));
  }

  @Test
  void aTokenOfTheMaximumLengthIsAcceptedAndOneLongerIsRefused() {
    String longest = "t".repeat(PushToken.MAX_LENGTH);

    assertThat(new PushToken(longest, Optional.empty()).token()).isEqualTo(longest);
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new PushToken(longest + "t", Optional.empty()));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"with space", "tab\there", "line\n", "tökén", "\u007F"})
  void aTokenOutsidePrintableAsciiIsRefused(String token) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new PushToken(token, Optional.empty()));
  }
}
