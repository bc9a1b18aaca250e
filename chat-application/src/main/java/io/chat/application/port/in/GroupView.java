package io.chat.application.port.in;

import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import java.util.Objects;
import java.util.Optional;

/**
 * A group as one user sees it: its profile and settings, how many members it has, and the viewer's
 * own role (empty once they left).
 */
public record GroupView(
    GroupProfile profile, boolean onlyAdminsSend, int memberCount, Optional<GroupRole> myRole) {
  public GroupView {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(myRole, "myRole");
  }
}
