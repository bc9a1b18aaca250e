package io.chat.domain.group;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** Only a current member acts in a group; a former one may only read what they saw. */
public class NotAMemberException extends ChatException {
  public NotAMemberException() {
    super(ErrorCode.NOT_A_MEMBER, "You are not a member of this group");
  }

  /** A current member cannot delete the group from their list: they leave first. */
  public static final class StillAMemberException extends ChatException {
    public StillAMemberException() {
      super(ErrorCode.CONFLICT, "Leave the group before deleting it from your list");
    }
  }
}
