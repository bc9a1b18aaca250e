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
    fullName = fullName == null ? "" : fullName.strip();
    if (fullName.isEmpty() || fullName.length() > MAX_NAME_LENGTH) {
      throw new InvalidArgumentException(
          "fullName must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
    profilePic = profilePic.map(String::strip).filter(p -> !p.isEmpty());
    if (profilePic.map(p -> p.length() > MAX_PICTURE_LENGTH).orElse(false)) {
      throw new InvalidArgumentException(
          "profilePic must be at most " + MAX_PICTURE_LENGTH + " characters");
    }
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
