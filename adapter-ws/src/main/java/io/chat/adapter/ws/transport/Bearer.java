package io.chat.adapter.ws.transport;

import java.util.Locale;
import java.util.Optional;

/** The token of an {@code Authorization: Bearer} header. */
public final class Bearer {
  private Bearer() {}

  public static Optional<String> of(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return nonBlank(value.substring(7));
    }
    return Optional.empty();
  }

  public static Optional<String> nonBlank(String token) {
    return token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip());
  }
}
