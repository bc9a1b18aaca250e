package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void helpListsTheSetting() {
    assertThat(Usage.TEXT).containsPattern("--http-max-in-flight +CHAT_HTTP_MAX_IN_FLIGHT +1024");
  }
}
