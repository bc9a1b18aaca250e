package io.chat.domain.group;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A group holds at most the configured number of members. */
public class GroupFullException extends ChatException {
  public GroupFullException(int maxMembers) {
    super(ErrorCode.GROUP_FULL, "A group has at most " + maxMembers + " members");
  }
}
