package io.chat.application.port.out;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/**
 * The store could not be reached or did not answer in time. Nothing was acknowledged; the caller
 * may retry (with the same {@code clientMessageId} for a send).
 */
public class StoreUnavailableException extends ChatException {
  public StoreUnavailableException(Throwable cause) {
    super(ErrorCode.UNAVAILABLE, "The service is temporarily unavailable", cause);
  }
}
