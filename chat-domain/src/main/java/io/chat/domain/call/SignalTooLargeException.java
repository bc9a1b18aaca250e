package io.chat.domain.call;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** An offer, answer or candidate is larger than signaling carries. */
public class SignalTooLargeException extends ChatException {
  public SignalTooLargeException(int limitBytes) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, "A call signal is at most " + limitBytes + " bytes");
  }
}
