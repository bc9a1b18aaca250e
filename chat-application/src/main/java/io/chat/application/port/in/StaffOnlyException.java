package io.chat.application.port.in;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** The admin operations are for staff (role {@code admin}) only. */
public class StaffOnlyException extends ChatException {
  public StaffOnlyException() {
    super(ErrorCode.FORBIDDEN, "This operation is for staff only");
  }
}
