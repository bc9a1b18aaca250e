package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bound on REST requests in flight, as a flag, as an environment variable, and checked. */
class ServerConfigTest {

  @Test
  void theBoundOnRequestsInFlightIs1024UnlessSet() {
    assertThat(ServerConfig.read(List.of(), Map.of()).limits().httpMaxInFlight()).isEqualTo(1024);
  }

  @Test
  void theBoundOnRequestsInFlightComesFromTheFlagOverTheEnvironment() {
    Map<String, String> env = Map.of("CHAT_HTTP_MAX_IN_FLIGHT", "64");

    assertThat(ServerConfig.read(List.of(), env).limits().httpMaxInFlight()).isEqualTo(64);
    assertThat(
            ServerConfig.read(List.of("--http-max-in-flight", "8"), env).limits().httpMaxInFlight())
        .isEqualTo(8);
  }

  @Test
  void aBoundThatIsNotAPositiveNumberStopsTheStartAndSaysWhich() {
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of("--http-max-in-flight", "0"),
                    Map.of("CHAT_HTTP_MAX_IN_FLIGHT", "many")))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "--http-max-in-flight / CHAT_HTTP_MAX_IN_FLIGHT must be 1 to 1000000,"
                            + " not '0'"));
  }

  @Test
  void pushReceiptsAreAskedForAfterFifteenMinutesForUpTo50000TicketsUnlessSet() {
    ServerConfig.Push push = ServerConfig.read(List.of(), Map.of()).push();
    assertThat(push.receiptDelay()).isEqualTo(Duration.ofMinutes(15));
    assertThat(push.receipts()).isEqualTo(50_000);

    ServerConfig.Push set =
        ServerConfig.read(List.of("--push-receipts", "0"), Map.of("CHAT_PUSH_RECEIPT_DELAY", "90s"))
            .push();
    assertThat(set.receiptDelay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(set.receipts()).isZero();
  }

  @Test
  void aPushReceiptSettingThatDoesNotParseStopsTheStartAndSaysWhich() {
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of("--push-receipt-delay", "soon", "--push-receipts", "-1"), Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).startsWith("--push-receipt-delay"))
                    .anySatisfy(p -> assertThat(p).startsWith("--push-receipts")));
  }

  @Test
  void aZeroReceiptDelayIsRefused() {
    assertThatThrownBy(() -> ServerConfig.read(List.of("--push-receipt-delay", "0s"), Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "--push-receipt-delay / CHAT_PUSH_RECEIPT_DELAY must be longer than 0"));
  }

  @Test
  void helpListsTheSetting() {
    assertThat(Usage.TEXT).containsPattern("--http-max-in-flight +CHAT_HTTP_MAX_IN_FLIGHT +1024");
    assertThat(Usage.TEXT).containsPattern("--push-receipt-delay +CHAT_PUSH_RECEIPT_DELAY +PT15M");
    assertThat(Usage.TEXT).containsPattern("--push-receipts +CHAT_PUSH_RECEIPTS +50000");
  }
}
