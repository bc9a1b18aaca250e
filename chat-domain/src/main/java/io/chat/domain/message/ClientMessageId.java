package io.chat.domain.message;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * The sender's own key for a message, so that a retried send stores nothing twice: 1 to 100
 * printable ASCII characters (a UUID, a counter, anything the client keeps).
 */
public record ClientMessageId(String value) {
  public static final int MAX_LENGTH = 100;
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

  @Override
  public String toString() {
    return value;
  }
}
