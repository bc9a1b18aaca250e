package io.chat.adapter.http;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;

/** A request body over the configured limit: refused before any of it is parsed. */
final class PayloadTooLargeException extends ChatException {
  PayloadTooLargeException(int limit) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes");
  }
}
