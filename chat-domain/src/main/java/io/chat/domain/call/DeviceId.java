package io.chat.domain.call;

import java.util.Objects;

/**
 * One connected device of a user (a socket), as the realtime adapter names it: opaque to the core,
 * which only compares it, so that signaling reaches the device in the call and no other.
 */
public record DeviceId(String value) {
  public DeviceId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 128) {
      throw new IllegalArgumentException("a device id is 1 to 128 characters");
    }
  }

  public static DeviceId of(String value) {
    return new DeviceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
