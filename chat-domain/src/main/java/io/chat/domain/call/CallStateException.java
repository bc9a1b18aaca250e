package io.chat.domain.call;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** The call is not in a state that allows the action (the message says which). */
public class CallStateException extends ChatException {
  public CallStateException(String message) {
    super(ErrorCode.CALL_STATE, message);
  }
}
