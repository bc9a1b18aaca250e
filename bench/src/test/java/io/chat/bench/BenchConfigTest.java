package io.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The load generator's command line. */
class BenchConfigTest {
  private static BenchConfig parse(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--url";
    all[1] = "http://127.0.0.1:1";
    System.arraycopy(args, 0, all, 2, args.length);
    return BenchConfig.parse(all);
  }

  @Test
  void webSocketDevicesAreCompactUnlessToldAndSocketIoOnesAreNotUnlessTold() {
    assertThat(parse().compact()).isTrue();
    assertThat(parse("--compact", "off").compact()).isFalse();
    assertThat(parse("--transport", "rest-sio").compact()).isFalse();
    assertThat(parse("--transport", "rest-sio", "--compact", "on").compact()).isTrue();
    assertThatThrownBy(() -> parse("--compact", "yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--compact");
  }
}
