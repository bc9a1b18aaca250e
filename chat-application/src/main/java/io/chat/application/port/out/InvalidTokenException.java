package io.chat.application.port.out;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A bearer token that is missing, malformed, wrongly signed, expired or not for this service. */
public class InvalidTokenException extends ChatException {
  public InvalidTokenException(String message) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}
