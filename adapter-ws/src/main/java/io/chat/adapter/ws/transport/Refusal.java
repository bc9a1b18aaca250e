package io.chat.adapter.ws.transport;

import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Why a client may not connect, as the client may be told: a code of the REST error table. */
public final class Refusal extends RuntimeException {
  private static final Logger LOG = LoggerFactory.getLogger(Refusal.class);

  private final ErrorCode code;

  public Refusal(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** The refusal that failed an admission; any other failure is an internal error. */
  public static Refusal of(Throwable failure) {
    Throwable cause = Failures.unwrapped(failure);
    if (cause instanceof Refusal refusal) {
      return refusal;
    }
    LOG.error("An admission failed without a refusal", cause);
    return new Refusal(ErrorCode.INTERNAL, "Internal error");
  }
}
