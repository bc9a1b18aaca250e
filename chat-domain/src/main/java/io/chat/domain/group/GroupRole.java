package io.chat.domain.group;

import io.chat.domain.shared.InvalidArgumentException;

/**
 * A member's role in a group: the owner (exactly one while the group has members), admins, and
 * members. Higher roles may do everything lower roles may.
 */
public enum GroupRole {
  MEMBER("member"),
  ADMIN("admin"),
  OWNER("owner");

  private final String wire;

  GroupRole(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Owners and admins manage the group: its profile, its settings and who is in it. */
  public boolean manages() {
    return this != MEMBER;
  }

  public static GroupRole fromWire(String wire) {
    for (GroupRole role : values()) {
      if (role.wire.equals(wire)) {
        return role;
      }
    }
    throw new InvalidArgumentException("role must be one of owner, admin, member");
  }
}
