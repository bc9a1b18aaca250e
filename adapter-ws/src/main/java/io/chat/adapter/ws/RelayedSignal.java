package io.chat.adapter.ws;

import io.chat.domain.call.DeviceId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.util.Optional;

/**
 * A call signal on the bus between nodes, beside the {@link RelayedEvent}s: for every device of a
 * user ({@code all}), all but one ({@code except}) or one ({@code only}), its name and payload
 * serialized once by the publishing node. The text is three lines: {@code d}, the mode's letter
 * ({@code a}, {@code x} or {@code o}), the user's id, {@code :} and the device's id (empty for
 * {@code all}); then the name; then the payload. Device ids are this adapter's ({@code
 * c<number>.<process>}): no colon, no line break.
 */
record RelayedSignal(
    Mode mode, UserId user, Optional<DeviceId> device, String name, String payload) {

  enum Mode {
    ALL('a'),
    EXCEPT('x'),
    ONLY('o');

    private final char letter;

    Mode(char letter) {
      this.letter = letter;
    }

    static Mode of(char letter) {
      for (Mode mode : values()) {
        if (mode.letter == letter) {
          return mode;
        }
      }
      throw new IllegalArgumentException("not a relayed signal's mode: " + letter);
    }
  }

  /** Whether {@code text} is a signal's (an event's starts otherwise). */
  static boolean isSignal(String text) {
    return text.startsWith("d");
  }

  String encode() {
    return "d"
        + mode.letter
        + user.value()
        + ':'
        + device.map(DeviceId::value).orElse("")
        + '\n'
        + name
        + '\n'
        + payload;
  }

  /** Reads what {@link #encode} wrote; anything else is an {@link IllegalArgumentException}. */
  static RelayedSignal decode(String text) {
    String[] lines = text.split("\n", 3);
    if (lines.length != 3 || lines[0].length() < 3 || !isSignal(lines[0])) {
      throw new IllegalArgumentException("not a relayed signal");
    }
    Mode mode = Mode.of(lines[0].charAt(1));
    String target = lines[0].substring(2);
    int colon = target.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a relayed signal's target");
    }
    String device = target.substring(colon + 1);
    if (device.isEmpty() != (mode == Mode.ALL)) {
      throw new IllegalArgumentException("a relayed signal's device goes with its mode");
    }
    try {
      return new RelayedSignal(
          mode,
          new UserId(target.substring(0, colon)),
          device.isEmpty() ? Optional.empty() : Optional.of(DeviceId.of(device)),
          lines[1],
          lines[2]);
    } catch (InvalidArgumentException e) {
      throw new IllegalArgumentException("not a relayed signal's user", e);
    }
  }
}
