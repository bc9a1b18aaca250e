package io.chat.domain.chat;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A chat without messages is not listed: there is nothing to archive in it. */
public class NoMessagesYetException extends ChatException {
  public NoMessagesYetException() {
    super(ErrorCode.CONFLICT, "A chat without messages is not listed: nothing to archive");
  }
}
