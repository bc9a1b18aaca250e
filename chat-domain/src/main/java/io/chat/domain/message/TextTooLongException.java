package io.chat.domain.message;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A message text longer than the configured limit. */
public class TextTooLongException extends ChatException {
  public TextTooLongException(int maxLength) {
    super(ErrorCode.INVALID_ARGUMENT, "text must be at most " + maxLength + " characters");
  }
}
