package io.chat.domain.call;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * The id of a call: 1 to 64 characters of letters, digits, {@code _} or {@code -}, chosen by the
 * caller's client (so that a retried invite finds its call) or by the server.
 */
public record CallId(String value) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public CallId {
    if (value == null || !ALLOWED.matcher(value).matches()) {
      throw new InvalidArgumentException(
          "callId is 1 to 64 characters of letters, digits, '_' or '-'");
    }
  }

  public static CallId of(String value) {
    return new CallId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
