package io.chat.domain.shared;

/** Checks on text that comes from outside. */
public final class Unicode {
  private Unicode() {}

  /** Text is valid Unicode when every surrogate is half of a pair: a lone one is no character. */
  public static boolean isValid(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
