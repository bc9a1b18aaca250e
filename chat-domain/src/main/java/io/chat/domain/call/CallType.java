package io.chat.domain.call;

import io.chat.domain.shared.InvalidArgumentException;

/** Voice or video: what the callee is asked to answer, and what the call log says. */
public enum CallType {
  AUDIO("audio"),
  VIDEO("video");

  private final String wire;

  CallType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static CallType fromWire(String wire) {
    for (CallType type : values()) {
      if (type.wire.equals(wire)) {
        return type;
      }
    }
    throw new InvalidArgumentException("callType must be \"audio\" or \"video\"");
  }
}
