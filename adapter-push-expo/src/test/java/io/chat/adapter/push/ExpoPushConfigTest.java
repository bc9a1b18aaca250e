package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
  void asksForReceiptsAQuarterOfAnHourLaterNextToTheSendEndpoint() {
    ExpoPushConfig defaults = ExpoPushConfig.defaults();

    assertThat(defaults.receiptsUrl()).hasToString("https://exp.host/--/api/v2/push/getReceipts");
    assertThat(defaults.receiptDelay()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.receiptChecks()).isEqualTo(3);
    assertThat(defaults.receiptCapacity()).isEqualTo(50_000);
  }

  @Test
  void theReceiptsEndpointFollowsAConfiguredSendEndpoint() {
    assertThat(
            ExpoPushConfig.defaults()
                .withUrl(URI.create("http://127.0.0.1:8123/--/api/v2/push/send"))
                .receiptsUrl())
        .hasToString("http://127.0.0.1:8123/--/api/v2/push/getReceipts");
    assertThat(ExpoPushConfig.defaults().withUrl(URI.create("http://push.local")).receiptsUrl())
        .hasToString("http://push.local/getReceipts");
  }

  @Test
  void receiptChecksMayBeTurnedOffButNotMadeEndless() {
    assertThat(
            ExpoPushConfig.defaults().withReceipts(Duration.ofMinutes(15), 0, 3).receiptCapacity())
        .isZero();
    assertThatThrownBy(() -> ExpoPushConfig.defaults().withReceipts(Duration.ZERO, 10, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExpoPushConfig.defaults().withReceipts(Duration.ofMinutes(1), 10, 0))
        .isInstanceOf(IllegalArgumentException.class);
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
