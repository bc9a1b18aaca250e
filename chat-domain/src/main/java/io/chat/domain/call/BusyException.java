package io.chat.domain.call;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A user is in at most one live call: the caller is already in one. */
public class BusyException extends ChatException {
  public BusyException() {
    super(ErrorCode.BUSY, "You are already in a call");
  }
}
