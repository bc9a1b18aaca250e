package io.chat.domain.user;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A device's push address (an Expo push token or similar) and, optionally, its platform. */
public record PushToken(String token, Optional<String> platform) {
  public static final int MAX_LENGTH = 512;
  public static final Set<String> PLATFORMS = Set.of("ios", "android", "web");
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

  public PushToken {
    Objects.requireNonNull(platform, "platform");
    if (token == null || !PRINTABLE.matcher(token).matches()) {
      throw new InvalidArgumentException(
          "token must be 1 to " + MAX_LENGTH + " printable ASCII characters");
    }
    if (platform.isPresent() && !PLATFORMS.contains(platform.get())) {
      throw new InvalidArgumentException("platform must be ios, android or web");
    }
  }

  public static PushToken of(String token, String platform) {
    return new PushToken(token, Optional.ofNullable(platform));
  }
}
