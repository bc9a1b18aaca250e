package io.chat.domain.call;

/** How a call ended, each with its wire name. */
public enum CallOutcome {
  /** Accepted, then hung up by either side. */
  COMPLETED("completed"),
  /** The callee declined while it rang. */
  REJECTED("rejected"),
  /** The caller hung up while it rang. */
  CANCELLED("cancelled"),
  /** Nobody answered within the ring timeout. */
  MISSED("missed"),
  /** The callee was already in a call. */
  BUSY("busy"),
  /** A device in the call went away and did not come back within the grace period. */
  FAILED("failed");

  private final String wire;

  CallOutcome(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static CallOutcome fromWire(String wire) {
    for (CallOutcome outcome : values()) {
      if (outcome.wire.equals(wire)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException("unknown call outcome " + wire);
  }

  /** Whether the callee should hear of it as a call they did not take. */
  public boolean missedByCallee() {
    return this == MISSED || this == BUSY || this == CANCELLED;
  }
}
