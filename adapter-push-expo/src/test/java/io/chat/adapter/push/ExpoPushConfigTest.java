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
            ExpoPushConfig.builder()
                .url(URI.create("http://127.0.0.1:8123/--/api/v2/push/send"))
                .build()
                .receiptsUrl())
        .hasToString("http://127.0.0.1:8123/--/api/v2/push/getReceipts");
    assertThat(ExpoPushConfig.builder().url(URI.create("http://push.local")).build().receiptsUrl())
        .hasToString("http://push.local/getReceipts");
  }

  @Test
  void receiptChecksMayBeTurnedOffButNotMadeEndless() {
    assertThat(ExpoPushConfig.builder().receiptCapacity(0).build().receiptCapacity()).isZero();
    assertThatThrownBy(() -> ExpoPushConfig.builder().receiptDelay(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExpoPushConfig.builder().receiptChecks(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBatchBeyondExposLimitIsRefused() {
    assertThatThrownBy(() -> ExpoPushConfig.builder().batchSize(101).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unboundedOrZeroLimitsAreRefused() {
    assertThatThrownBy(() -> ExpoPushConfig.builder().queueCapacity(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExpoPushConfig.builder().connectTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBuilderChangesOnlyTheSettingsItIsGiven() {
    ExpoPushConfig config = ExpoPushConfig.builder().maxRetries(7).build();

    assertThat(config.maxRetries()).isEqualTo(7);
    assertThat(config)
        .usingRecursiveComparison()
        .ignoringFields("maxRetries")
        .isEqualTo(ExpoPushConfig.defaults());
  }

  @Test
  void aBlankAccessTokenMeansNone() {
    assertThat(ExpoPushConfig.builder().accessToken(" ").build().accessToken()).isEmpty();
    assertThat(ExpoPushConfig.builder().accessToken(null).build().accessToken()).isEmpty();
  }

  @Test
  void theAccessTokenNeverShowsInToString() {
    assertThat(ExpoPushConfig.builder().accessToken("s3cret").build().toString())
        .doesNotContain("s3cret")
        .contains("(set)");
  }
}
