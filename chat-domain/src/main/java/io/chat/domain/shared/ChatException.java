package io.chat.domain.shared;

/**
 * Base of every refusal the chat core raises on purpose: each carries a stable {@link ErrorCode}
 * and a short message that is safe to show to the caller.
 */
public abstract class ChatException extends RuntimeException {
  private final ErrorCode code;

  protected ChatException(ErrorCode code, String message) {
    // Refusals are expected outcomes, not bugs: no stack trace to fill, none to log.
    super(message, null, false, false);
    this.code = code;
  }

  protected ChatException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
