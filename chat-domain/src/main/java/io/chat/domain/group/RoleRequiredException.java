package io.chat.domain.group;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A member tried what their role does not allow (the message says which role it takes). */
public class RoleRequiredException extends ChatException {
  public RoleRequiredException(String message) {
    super(ErrorCode.FORBIDDEN, message);
  }
}
