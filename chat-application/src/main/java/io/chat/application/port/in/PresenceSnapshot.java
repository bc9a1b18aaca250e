package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.Set;

/** Which of a user's chat partners are online (never across a block). */
public record PresenceSnapshot(Set<UserId> online) {
  public PresenceSnapshot {
    online = Set.copyOf(online);
  }
}
