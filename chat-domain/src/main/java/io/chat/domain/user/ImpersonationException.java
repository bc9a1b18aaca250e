package io.chat.domain.user;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** Refusal of any attempt to act as the system user outside the admin operations. */
public class ImpersonationException extends ChatException {
  public ImpersonationException() {
    super(ErrorCode.FORBIDDEN, "Nobody can act as the system user");
  }
}
