package io.chat.domain.group;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.Unicode;
import java.util.Objects;
import java.util.Optional;

/**
 * What members see of a group: a name of 1 to 100 characters, an optional description of up to
 * 1,000 characters and an optional avatar URL ({@code https:} or {@code http:}, up to 2,048
 * characters). Text is trimmed and control characters other than newline (in the description) are
 * removed, as for user names.
 */
public record GroupProfile(String name, Optional<String> description, Optional<String> avatarUrl) {
  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_DESCRIPTION_LENGTH = 1_000;
  public static final int MAX_AVATAR_URL_LENGTH = 2_048;

  public GroupProfile {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(avatarUrl, "avatarUrl");
    name = clean(name, false);
    if (name.isEmpty() || length(name) > MAX_NAME_LENGTH) {
      throw new InvalidArgumentException("name must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
    description = description.map(d -> clean(d, true)).filter(d -> !d.isEmpty());
    if (description.map(d -> length(d) > MAX_DESCRIPTION_LENGTH).orElse(false)) {
      throw new InvalidArgumentException(
          "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
    }
    avatarUrl = avatarUrl.map(String::strip).filter(a -> !a.isEmpty());
    if (avatarUrl.map(a -> !isWebUrl(a)).orElse(false)) {
      throw new InvalidArgumentException(
          "avatarUrl must be an http(s) URL of at most " + MAX_AVATAR_URL_LENGTH + " characters");
    }
  }

  public static GroupProfile named(String name) {
    return new GroupProfile(name, Optional.empty(), Optional.empty());
  }

  public GroupProfile withName(String next) {
    return new GroupProfile(next, description, avatarUrl);
  }

  public GroupProfile withDescription(Optional<String> next) {
    return new GroupProfile(name, next, avatarUrl);
  }

  public GroupProfile withAvatarUrl(Optional<String> next) {
    return new GroupProfile(name, description, next);
  }

  private static boolean isWebUrl(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    return url.length() <= MAX_AVATAR_URL_LENGTH
        && (lower.startsWith("https://") || lower.startsWith("http://"))
        && url.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String clean(String raw, boolean keepNewlines) {
    if (raw == null) {
      return "";
    }
    if (!Unicode.isValid(raw)) {
      throw new InvalidArgumentException("text is not valid Unicode");
    }
    return raw.codePoints()
        .filter(c -> !Character.isISOControl(c) || (keepNewlines && c == '\n'))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString()
        .strip();
  }
}
