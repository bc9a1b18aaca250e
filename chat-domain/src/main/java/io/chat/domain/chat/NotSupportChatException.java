package io.chat.domain.chat;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** Support operations apply to support chats only. */
public class NotSupportChatException extends ChatException {
  public NotSupportChatException() {
    super(ErrorCode.NOT_FOUND, "Support chat not found");
  }
}
