package io.chat.domain.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** The textual form of server-generated ids: 24 hexadecimal digits, kept in lower case. */
public final class ObjectIdText {
  private static final Pattern HEX24 = Pattern.compile("[0-9a-fA-F]{24}");

  private ObjectIdText() {}

  /** Whether a text is 24 hexadecimal digits, in either case. */
  public static boolean isObjectId(String text) {
    return text != null && HEX24.matcher(text).matches();
  }

  /** Returns the id in lower case, or refuses anything that is not 24 hexadecimal digits. */
  public static String require(String text, String what) {
    if (!isObjectId(text)) {
      throw new InvalidArgumentException(what + " must be 24 hexadecimal characters");
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
