package io.chat.domain.user;

import java.util.Objects;
import java.util.Optional;

/**
 * The platform's own voice in support chats: who the support desk is. Staff speak as it through the
 * admin operations only; what else makes the desk unlike a user is {@code chat.SupportDesk}'s.
 */
public record SystemUser(UserId id, String displayName) {
  public static final UserId DEFAULT_ID = UserId.of("000000000000000000000001");
  public static final String DEFAULT_NAME = "Official Support";

  public SystemUser {
    Objects.requireNonNull(id, "id");
    if (displayName == null || displayName.isBlank()) {
      throw new IllegalArgumentException("the system user needs a display name");
    }
  }

  public static SystemUser defaults() {
    return new SystemUser(DEFAULT_ID, DEFAULT_NAME);
  }

  public boolean is(UserId user) {
    return id.equals(user);
  }

  /** The system user's profile: its configured name, always verified. */
  public UserProfile profile() {
    return new UserProfile(id, displayName, Optional.empty(), true);
  }
}
