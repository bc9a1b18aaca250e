package io.chat.application.port.out;

import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The verified claims of a bearer token that the chat uses. */
public record AccessToken(
    UserId userId,
    boolean admin,
    Instant expiresAt,
    Optional<String> name,
    Optional<String> picture) {

  public AccessToken {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(picture, "picture");
  }
}
