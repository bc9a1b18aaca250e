package io.chat.domain.shared;

/** Stable, transport-neutral codes of every refusal; adapters map each to one status. */
public enum ErrorCode {
  INVALID_ARGUMENT,
  UNAUTHENTICATED,
  FORBIDDEN,
  BLOCKED,
  NOT_A_MEMBER,
  NOT_FOUND,
  CONFLICT,
  GROUP_FULL,
  WINDOW_CLOSED,
  LIMIT_REACHED,
  PAYLOAD_TOO_LARGE,
  RATE_LIMITED,
  CALL_NOT_FOUND,
  CALL_STATE,
  BUSY,
  UNAVAILABLE,
  INTERNAL
}
