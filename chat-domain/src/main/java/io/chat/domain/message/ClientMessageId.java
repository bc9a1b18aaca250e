package io.chat.domain.message;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * The sender's own key for a message, so that a retried send stores nothing twice: 1 to 100
 * printable ASCII characters (a UUID, a counter, anything the client keeps). Keys that start with
 * {@link #CALL_PREFIX} are the server's own (the call log's entries): a client's is read with
 * {@link #fromClient}, which refuses them.
 */
public record ClientMessageId(String value) {
  public static final int MAX_LENGTH = 100;

  /** The server's keys for call log entries, {@code call:<callId>}: never a client's. */
  public static final String CALL_PREFIX = "call:";

  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

  public ClientMessageId {
    if (value == null || !PRINTABLE.matcher(value).matches()) {
      throw new InvalidArgumentException(
          "clientMessageId must be 1 to " + MAX_LENGTH + " printable ASCII characters");
    }
  }

  public static ClientMessageId of(String value) {
    return new ClientMessageId(value);
  }

  /**
   * A key as a client sent it: as {@link #of}, but one in the server's own {@link #CALL_PREFIX} is
   * refused, so that no message of a client's can stand in for a call's log entry.
   */
  public static ClientMessageId fromClient(String value) {
    ClientMessageId id = new ClientMessageId(value);
    if (value.startsWith(CALL_PREFIX)) {
      throw new InvalidArgumentException(
          "clientMessageId must not start with \"" + CALL_PREFIX + "\": it is the server's");
    }
    return id;
  }

  @Override
  public String toString() {
    return value;
  }
}
