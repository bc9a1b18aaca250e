package io.chat.archviolation;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A refusal not named an exception. */
public final class ChatRefusal extends ChatException {
  public ChatRefusal() {
    super(ErrorCode.CONFLICT, "refused");
  }
}
