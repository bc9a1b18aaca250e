package io.chat.domain.message;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A message deleted for everyone (or a system entry) is not edited, reacted to or pinned. */
public class MessageDeletedException extends ChatException {
  public MessageDeletedException(String message) {
    super(ErrorCode.CONFLICT, message);
  }
}
