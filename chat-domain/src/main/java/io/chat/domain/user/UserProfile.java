package io.chat.domain.user;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;

/** What other users see of a user: name, picture and whether the platform verified them. */
public record UserProfile(
    UserId id, String fullName, Optional<String> profilePic, boolean verified) {
  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_PICTURE_LENGTH = 2048;
  static final String DELETED_NAME = "Deleted user";

  public UserProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(profilePic, "profilePic");
    fullName = fullName == null ? "" : withoutControlCharacters(fullName).strip();
    if (fullName.isEmpty() || fullName.codePointCount(0, fullName.length()) > MAX_NAME_LENGTH) {
      throw new InvalidArgumentException(
          "fullName must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
    profilePic = profilePic.map(String::strip).filter(p -> !p.isEmpty());
    if (profilePic.map(p -> p.length() > MAX_PICTURE_LENGTH).orElse(false)) {
      throw new InvalidArgumentException(
          "profilePic must be at most " + MAX_PICTURE_LENGTH + " characters");
    }
  }

  /**
   * A name from an outside source (a token's claim), cleaned by the same rules and cut to fit:
   * empty when nothing is left of it.
   */
  public static Optional<String> fittingName(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String clean = withoutControlCharacters(raw).strip();
    if (clean.codePointCount(0, clean.length()) > MAX_NAME_LENGTH) {
      clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
    }
    return clean.isEmpty() ? Optional.empty() : Optional.of(clean);
  }

  /** Names are shown on one line: control characters (C0, C1, DEL) have no place in them. */
  private static String withoutControlCharacters(String name) {
    return name.codePoints()
        .filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  /** A user nobody knows (or who was deleted) still shows, as "Deleted user". */
  public static UserProfile deleted(UserId id) {
    return new UserProfile(id, DELETED_NAME, Optional.empty(), false);
  }

  /** A user first seen through a token without a name gets a neutral name from their id. */
  public static UserProfile placeholder(UserId id) {
    String v = id.value();
    return new UserProfile(
        id, "User " + v.substring(Math.max(0, v.length() - 6)), Optional.empty(), false);
  }
}
