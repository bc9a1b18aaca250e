package io.chat.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * Command: change a group's profile or settings; an absent field stays as it is, a present empty
 * description or avatar removes it.
 */
public record GroupChange(
    Optional<String> name,
    Optional<Optional<String>> description,
    Optional<Optional<String>> avatarUrl,
    Optional<Boolean> onlyAdminsSend) {
  public GroupChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(avatarUrl, "avatarUrl");
    Objects.requireNonNull(onlyAdminsSend, "onlyAdminsSend");
  }

  public boolean isEmpty() {
    return name.isEmpty()
        && description.isEmpty()
        && avatarUrl.isEmpty()
        && onlyAdminsSend.isEmpty();
  }
}
