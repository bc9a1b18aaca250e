package io.chat.domain.chat;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A chat is between two different users: nobody chats with themselves. */
public class ChatWithSelfException extends ChatException {
  public ChatWithSelfException() {
    super(ErrorCode.INVALID_ARGUMENT, "You cannot chat with yourself");
  }
}
