package io.chat.domain.shared;

/** A value given by the caller breaks the rules of its type (the message says which). */
public class InvalidArgumentException extends ChatException {
  public InvalidArgumentException(String message) {
    super(ErrorCode.INVALID_ARGUMENT, message);
  }
}
