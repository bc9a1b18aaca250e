package io.chat.application.port.in;

import java.util.List;
import java.util.Optional;

/**
 * One page of a group's members (or of a message's readers); {@code nextCursor} when more follow.
 */
public record MemberPage(List<MemberView> members, Optional<String> nextCursor) {
  public MemberPage {
    members = List.copyOf(members);
  }
}
