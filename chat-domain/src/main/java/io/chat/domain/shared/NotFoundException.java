package io.chat.domain.shared;

/** The thing asked for does not exist, or is not the caller's to see. */
public class NotFoundException extends ChatException {
  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }
}
