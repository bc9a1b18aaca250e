package io.chat.domain.relation;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** While either of two users blocks the other, nothing passes between them. */
public class BlockedException extends ChatException {
  public BlockedException() {
    super(ErrorCode.BLOCKED, "This conversation is blocked");
  }
}
