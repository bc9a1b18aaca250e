package io.chat.application.port.in;

import io.chat.domain.user.UserProfile;
import java.util.List;
import java.util.Optional;

/** One page of the users I block. */
public record BlockedPage(List<UserProfile> users, Optional<String> nextCursor) {
  public BlockedPage {
    users = List.copyOf(users);
  }
}
