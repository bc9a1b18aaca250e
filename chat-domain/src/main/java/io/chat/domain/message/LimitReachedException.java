package io.chat.domain.message;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A chat has all the pins it may have, or a message all the distinct reactions. */
public class LimitReachedException extends ChatException {
  public LimitReachedException(String message) {
    super(ErrorCode.LIMIT_REACHED, message);
  }
}
