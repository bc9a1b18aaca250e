package io.chat.domain.message;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A message is edited or deleted for everyone after the time allowed for it. */
public class WindowClosedException extends ChatException {
  public WindowClosedException(String message) {
    super(ErrorCode.WINDOW_CLOSED, message);
  }
}
