package io.chat.domain.chat;

import io.chat.domain.shared.InvalidArgumentException;

/** The kinds of chat: of two users, of a user and the support desk, and a group. */
public enum ChatType {
  USER_CHAT("user_chat"),
  ADMIN_SUPPORT("admin_support"),
  GROUP("group");

  private final String wire;

  ChatType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static ChatType fromWire(String wire) {
    for (ChatType type : values()) {
      if (type.wire.equals(wire)) {
        return type;
      }
    }
    throw new InvalidArgumentException("unknown chat type");
  }
}
