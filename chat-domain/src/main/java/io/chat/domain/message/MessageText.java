package io.chat.domain.message;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.Unicode;

/**
 * The text of a message: valid Unicode, control characters other than newline and tab removed,
 * trimmed, then 1 to {@code maxLength} characters (Unicode code points). Nothing else is rewritten:
 * {@code a < b} stays {@code a < b}; escaping is the business of whoever renders it. Every
 * transport gets these rules from here.
 */
public record MessageText(String value) {
  public static final int DEFAULT_MAX_LENGTH = 4_000;

  /** The text of a system entry, which tells its story as data, not words. */
  public static final MessageText NONE = new MessageText("");

  public MessageText {
    if (value == null) {
      throw new InvalidArgumentException("text is required");
    }
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /**
   * Cleans raw input by the rules above, refusing what is not valid Unicode, and what is empty or
   * too long afterwards.
   */
  public static MessageText of(String raw, int maxLength) {
    if (raw == null) {
      throw new InvalidArgumentException("text is required");
    }
    if (!isValidUnicode(raw)) {
      throw new InvalidArgumentException("text is not valid Unicode");
    }
    String clean = withoutControlCharacters(raw).strip();
    if (clean.isEmpty()) {
      throw new InvalidArgumentException("text must not be empty");
    }
    int length = clean.codePointCount(0, clean.length());
    if (length > maxLength) {
      throw new TextTooLongException(maxLength);
    }
    return new MessageText(clean);
  }

  public static MessageText of(String raw) {
    return of(raw, DEFAULT_MAX_LENGTH);
  }

  /** Text is valid Unicode when every surrogate is half of a pair: a lone one is no character. */
  public static boolean isValidUnicode(String text) {
    return Unicode.isValid(text);
  }

  /** Removes C0 control characters except newline and tab; everything else is kept as it is. */
  static String withoutControlCharacters(String raw) {
    StringBuilder out = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean drop = c < 0x20 && c != '\n' && c != '\t';
      if (drop && out == null) {
        out = new StringBuilder(raw.length()).append(raw, 0, i);
      } else if (!drop && out != null) {
        out.append(c);
      }
    }
    return out == null ? raw : out.toString();
  }

  /** The first {@code maxLength} code points, with an ellipsis when cut: for previews and push. */
  public String preview(int maxLength) {
    int length = value.codePointCount(0, value.length());
    if (length <= maxLength) {
      return value;
    }
    int end = value.offsetByCodePoints(0, Math.max(0, maxLength - 1));
    return value.substring(0, end) + "\u2026";
  }

  @Override
  public String toString() {
    return value;
  }
}
