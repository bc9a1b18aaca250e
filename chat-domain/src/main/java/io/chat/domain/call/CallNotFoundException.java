package io.chat.domain.call;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** No such call, or one the caller is not part of: others' calls are not revealed. */
public class CallNotFoundException extends ChatException {
  public CallNotFoundException() {
    super(ErrorCode.CALL_NOT_FOUND, "Call not found");
  }
}
