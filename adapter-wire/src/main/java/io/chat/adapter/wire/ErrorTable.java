package io.chat.adapter.wire;

import io.chat.domain.shared.ErrorCode;

/**
 * The one table from error codes to HTTP statuses, for REST answers and refused WebSocket upgrades
 * alike. Each code has exactly one status; the switch has no default, so a new code does not
 * compile until it has one.
 */
public final class ErrorTable {
  /**
   * The one wire code that no use case raises: a known path asked with a method it does not take.
   */
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

  public static final int METHOD_NOT_ALLOWED_STATUS = 405;

  private ErrorTable() {}

  public static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN, BLOCKED, NOT_A_MEMBER -> 403;
      case NOT_FOUND, CALL_NOT_FOUND -> 404;
      case CONFLICT, GROUP_FULL, WINDOW_CLOSED, LIMIT_REACHED, CALL_STATE, BUSY -> 409;
      case PAYLOAD_TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case INTERNAL -> 500;
      case UNAVAILABLE -> 503;
    };
  }
}
