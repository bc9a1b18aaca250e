package io.chat.domain.group;

import java.util.Objects;

/**
 * The group-wide state of a group chat: its profile, whether only owners and admins may send (an
 * announcement group), and how many members it has now. Members themselves are {@link Membership}s,
 * kept apart from the chat so that a send never touches them.
 */
public record Group(GroupProfile profile, boolean onlyAdminsSend, int memberCount) {
  public Group {
    Objects.requireNonNull(profile, "profile");
    if (memberCount < 0) {
      throw new IllegalArgumentException("memberCount is never negative");
    }
  }

  public Group withProfile(GroupProfile next) {
    return new Group(next, onlyAdminsSend, memberCount);
  }

  public Group withOnlyAdminsSend(boolean next) {
    return new Group(profile, next, memberCount);
  }

  public Group withMemberCount(int next) {
    return new Group(profile, onlyAdminsSend, next);
  }
}
