package io.chat.domain.chat;

import io.chat.domain.shared.InvalidArgumentException;

/**
 * Where a support chat stands. A user's message opens it (and reopens a resolved one: a new
 * question), staff's answer leaves it waiting for the user, and staff resolve it.
 */
public enum SupportStatus {
  OPEN("open"),
  WAITING_USER("waiting_user"),
  RESOLVED("resolved");

  private final String wire;

  SupportStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static SupportStatus fromWire(String wire) {
    for (SupportStatus status : values()) {
      if (status.wire.equals(wire)) {
        return status;
      }
    }
    throw new InvalidArgumentException("status must be one of open, waiting_user, resolved");
  }

  /** A message from the user opens the chat, whatever its status was. */
  public static SupportStatus afterUserMessage() {
    return OPEN;
  }

  /** An answer from staff leaves the chat waiting for the user. */
  public static SupportStatus afterStaffMessage() {
    return WAITING_USER;
  }
}
