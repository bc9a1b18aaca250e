package io.chat.domain.call;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** Calls are between the two users of a chat of two: not in a group, not with the support desk. */
public class NotCallableException extends ChatException {
  public NotCallableException() {
    super(ErrorCode.FORBIDDEN, "Calls are only between the two users of a chat of two");
  }
}
