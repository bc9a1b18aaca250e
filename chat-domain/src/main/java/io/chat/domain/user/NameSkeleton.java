package io.chat.domain.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * What a display name looks like to a reader, with the differences a reader does not see taken out:
 * case, spacing and punctuation, accents, compatibility forms (full-width, ligatures), and the
 * characters of other scripts or digits that pass for Latin letters. Two names with one skeleton
 * read the same: "Official Support", "official support", "0fficial Suppοrt" (a digit zero, a Greek
 * omicron), "Оfficial Support" (a Cyrillic O).
 */
public final class NameSkeleton {
  /** Look-alikes of Latin letters, from Unicode's confusables: the ones a name is made with. */
  private static final Map<Integer, Character> LOOK_ALIKES =
      Map.ofEntries(
          // Cyrillic
          Map.entry((int) 'а', 'a'),
          Map.entry((int) 'в', 'b'),
          Map.entry((int) 'е', 'e'),
          Map.entry((int) 'ё', 'e'),
          Map.entry((int) 'к', 'k'),
          Map.entry((int) 'м', 'm'),
          Map.entry((int) 'н', 'h'),
          Map.entry((int) 'о', 'o'),
          Map.entry((int) 'р', 'p'),
          Map.entry((int) 'с', 'c'),
          Map.entry((int) 'т', 't'),
          Map.entry((int) 'у', 'y'),
          Map.entry((int) 'х', 'x'),
          Map.entry((int) 'ѕ', 's'),
          Map.entry((int) 'і', 'l'),
          Map.entry((int) 'ї', 'l'),
          Map.entry((int) 'ј', 'j'),
          Map.entry((int) 'һ', 'h'),
          Map.entry((int) 'ԁ', 'd'),
          Map.entry((int) 'ӏ', 'l'),
          Map.entry((int) 'ԛ', 'q'),
          Map.entry((int) 'ԝ', 'w'),
          // Greek
          Map.entry((int) 'α', 'a'),
          Map.entry((int) 'β', 'b'),
          Map.entry((int) 'ε', 'e'),
          Map.entry((int) 'η', 'n'),
          Map.entry((int) 'ι', 'l'),
          Map.entry((int) 'κ', 'k'),
          Map.entry((int) 'ν', 'v'),
          Map.entry((int) 'ο', 'o'),
          Map.entry((int) 'ρ', 'p'),
          Map.entry((int) 'τ', 't'),
          Map.entry((int) 'υ', 'u'),
          Map.entry((int) 'χ', 'x'),
          Map.entry((int) 'ω', 'w'),
          // Latin letters and digits that pass for others
          Map.entry((int) 'ı', 'l'),
          Map.entry((int) 'ɡ', 'g'),
          Map.entry((int) 'ɑ', 'a'),
          Map.entry((int) 'i', 'l'),
          Map.entry((int) '0', 'o'),
          Map.entry((int) '1', 'l'),
          Map.entry((int) '3', 'e'),
          Map.entry((int) '5', 's'),
          Map.entry((int) '|', 'l'));

  private NameSkeleton() {}

  /** The skeleton of {@code name}: lower-case Latin letters and digits only. */
  public static String of(String name) {
    // Accents off: decompose, then drop the combining marks. Plain ASCII is its own compatibility
    // form and decomposition (and the common case: this runs on every profile shown).
    String bare =
        isAscii(name)
            ? name.toLowerCase(Locale.ROOT)
            : Normalizer.normalize(
                Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFD);
    StringBuilder skeleton = new StringBuilder(bare.length());
    for (int i = 0; i < bare.length(); ) {
      int c = bare.codePointAt(i);
      i += Character.charCount(c);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      Character alike = LOOK_ALIKES.get(c);
      int shown = alike == null ? c : alike;
      if (Character.isLetterOrDigit(shown)) {
        skeleton.appendCodePoint(shown);
      }
    }
    // Letter pairs that read as one letter.
    return skeleton.toString().replace("rn", "m").replace("vv", "w");
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
