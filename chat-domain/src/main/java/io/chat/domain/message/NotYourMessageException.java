package io.chat.domain.message;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/**
 * Someone other than a message's sender (or a group's admins, where allowed) tried to change it.
 */
public class NotYourMessageException extends ChatException {
  public NotYourMessageException(String message) {
    super(ErrorCode.FORBIDDEN, message);
  }
}
