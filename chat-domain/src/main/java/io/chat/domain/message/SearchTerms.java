package io.chat.domain.message;

import io.chat.domain.shared.InvalidArgumentException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a text as search sees them: split at anything that is not a letter or a digit,
 * stripped of accents and case-folded ("Crème Brûlée" has the words {@code creme} and {@code
 * brulee}, "STRASSE" and "straße" both {@code strasse}), each once, at most {@link #MAX_WORDS} per
 * text and {@link #MAX_WORD_LENGTH} chars per word. Scripts written without spaces between words
 * (Han, Hiragana, Katakana) count each character as a word, so a query in them finds the messages
 * that have all of its characters. A store indexes a message under its words; a query matches the
 * messages that have all of the query's words. Every store and every query folds the same way,
 * here, so that what matches never depends on the store.
 */
public final class SearchTerms {
  public static final int MAX_WORDS = 200;
  public static final int MAX_WORD_LENGTH = 40;
  public static final int MAX_QUERY_WORDS = 8;

  /** A query longer than this is refused rather than folded. */
  public static final int MAX_QUERY_LENGTH = 1_000;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private SearchTerms() {}

  /** The words a message is indexed under, in the order they first come. */
  public static List<String> words(String text) {
    String folded = fold(text);
    Set<String> words = new LinkedHashSet<>();
    StringBuilder word = new StringBuilder(MAX_WORD_LENGTH);
    boolean cut = false;
    for (int i = 0; i < folded.length() && words.size() < MAX_WORDS; ) {
      int c = folded.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetterOrDigit(c)) {
        take(word, words);
        cut = false;
      } else if (isWrittenWithoutSpaces(c)) {
        take(word, words);
        word.appendCodePoint(c);
        take(word, words);
        cut = false;
      } else if (!cut && word.length() + Character.charCount(c) <= MAX_WORD_LENGTH) {
        word.appendCodePoint(c);
      } else {
        // A longer word is cut before the first character that does not fit whole.
        cut = true;
      }
    }
    if (words.size() < MAX_WORDS) {
      take(word, words);
    }
    return new ArrayList<>(words);
  }

  /**
   * The words of a query: at least one, and the first {@link #MAX_QUERY_WORDS} of them; a query
   * over {@link #MAX_QUERY_LENGTH} characters is refused.
   */
  public static List<String> query(String text) {
    if (text != null && text.length() > MAX_QUERY_LENGTH) {
      throw new InvalidArgumentException(
          "A search is at most " + MAX_QUERY_LENGTH + " characters long");
    }
    List<String> words = words(text == null ? "" : text);
    if (words.isEmpty()) {
      throw new InvalidArgumentException("A search needs at least one word of letters or digits");
    }
    return words.size() > MAX_QUERY_WORDS ? List.copyOf(words.subList(0, MAX_QUERY_WORDS)) : words;
  }

  /**
   * Compatibility decomposition, then without combining marks (accents), then case-folded: upper
   * then lower case folds what lower case alone keeps apart (ß and ss, final and medial sigma).
   */
  private static String fold(String text) {
    String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    return bare.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static boolean isWrittenWithoutSpaces(int c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  private static void take(StringBuilder word, Set<String> words) {
    if (word.length() > 0 && words.size() < MAX_WORDS) {
      words.add(word.toString());
    }
    word.setLength(0);
  }
}
