package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpoPushConfigTest {

  @Test
  void defaultsToThePublicEndpointWithExposLimit() {
    ExpoPushConfig defaults = ExpoPushConfig.defaults();

    assertThat(defaults.url()).hasToString("https://exp.host/--/api/v2/push/send");
    assertThat(defaults.batchSize()).isEqualTo(100);
    assertThat(defaults.accessToken()).isEmpty();
  }

  @Test
  void aBatchBeyondExposLimitIsRefused() {
    assertThatThrownBy(() -> ExpoPushConfig.defaults().withBatchSize(101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unboundedOrZeroLimitsAreRefused() {
    assertThatThrownBy(() -> ExpoPushConfig.defaults().withLimits(0, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ExpoPushConfig.defaults()
                    .withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBlankAccessTokenMeansNone() {
    assertThat(ExpoPushConfig.defaults().withAccessToken(" ").accessToken()).isEmpty();
  }

  @Test
  void theAccessTokenNeverShowsInToString() {
    assertThat(ExpoPushConfig.defaults().withAccessToken("s3cret").toString())
        .doesNotContain("s3cret")
        .contains("(set)");
  }
}
