package io.chat.domain.user;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.ObjectIdText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An opaque user id: 1 to 64 characters from {@code [A-Za-z0-9_-]}. A 24-hex id (a MongoDB
 * ObjectId) is kept in lower case, so that one user never becomes two by a change of case.
 */
public record UserId(String value) implements Comparable<UserId> {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public UserId {
    if (value == null || !ALLOWED.matcher(value).matches()) {
      throw new InvalidArgumentException(
          "A user id is 1 to 64 characters of letters, digits, '_' or '-'");
    }
    if (ObjectIdText.isObjectId(value)) {
      value = value.toLowerCase(Locale.ROOT);
    }
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public int compareTo(UserId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
