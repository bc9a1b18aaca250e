package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Command: create a group owned by {@code owner}, with the given members besides them. */
public record CreateGroup(
    UserId owner,
    String name,
    Optional<String> description,
    Optional<String> avatarUrl,
    List<UserId> members,
    boolean onlyAdminsSend) {
  public CreateGroup {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(avatarUrl, "avatarUrl");
    members = List.copyOf(members);
  }
}
