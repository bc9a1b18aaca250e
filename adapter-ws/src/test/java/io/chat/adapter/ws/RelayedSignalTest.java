package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.call.DeviceId;
import io.chat.domain.user.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The text a call signal travels as between nodes, both ways, and what is not such a text. */
class RelayedSignalTest {
  private static final UserId BOB = UserId.of("bob");
  private static final DeviceId DEVICE = DeviceId.of("c12.k3x9");

  @ParameterizedTest
  @EnumSource(RelayedSignal.Mode.class)
  void aSignalComesBackAsItWentInEveryMode(RelayedSignal.Mode mode) {
    Optional<DeviceId> device =
        mode == RelayedSignal.Mode.ALL ? Optional.empty() : Optional.of(DEVICE);
    RelayedSignal signal =
        new RelayedSignal(
            mode, BOB, device, "call:offer", "{\"callId\":\"c1\",\"sdp\":\"v=0\\r\\no=- 1\"}");

    String text = signal.encode();

    assertThat(RelayedSignal.isSignal(text)).isTrue();
    assertThat(RelayedSignal.decode(text)).isEqualTo(signal);
  }

  @Test
  void anEventIsNoSignal() {
    assertThat(RelayedSignal.isSignal("ualice\ntyping\n{}")).isFalse();
    assertThat(RelayedSignal.isSignal("s\ntyping\n{}")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "d",
        "da",
        "dabob:\nname",
        "dqbob:\nn\n{}",
        "dabob:c1\nn\n{}",
        "dobob:\nn\n{}",
        "dxbob\nn\n{}",
        "dab o:\nn\n{}"
      })
  void whatIsNotARelayedSignalIsRefused(String text) {
    assertThatThrownBy(() -> RelayedSignal.decode(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
