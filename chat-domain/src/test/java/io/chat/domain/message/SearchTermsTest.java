package io.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

  @Test
  void wordsAreSplitAtAnythingButLettersAndDigitsAndComeOnceInOrder() {
    assertThat(SearchTerms.words("Hello, world! hello-again 2024... world"))
        .containsExactly("hello", "world", "again", "2024");
  }

  @Test
  void accentsAndCaseFoldAway() {
    assertThat(SearchTerms.words("Crème BRÛLÉE Ångström naïve İstanbul"))
        .containsExactly("creme", "brulee", "angstrom", "naive", "istanbul");
  }

  @Test
  void caseFoldingGoesBeyondLowerCase() {
    assertThat(SearchTerms.words("Straße")).isEqualTo(SearchTerms.words("STRASSE"));
    assertThat(SearchTerms.words("ΟΔΟΣ")).isEqualTo(SearchTerms.words("οδος"));
    assertThat(SearchTerms.words("οδός")).isEqualTo(SearchTerms.words("οδοσ"));
  }

  @Test
  void compatibilityFormsFoldToTheirPlainLetters() {
    // Full-width letters and digits, a ligature, a superscript.
    assertThat(SearchTerms.words("ＨＥＬＬＯ １２ ﬁne x²")).containsExactly("hello", "12", "fine", "x2");
  }

  @Test
  void scriptsWithoutSpacesCountEachCharacterAsAWord() {
    assertThat(SearchTerms.words("東京に行く")).containsExactly("東", "京", "に", "行", "く");
    assertThat(SearchTerms.words("abc東def")).containsExactly("abc", "東", "def");
  }

  @Test
  void aLongWordIsCutAtTheLimitButNeverInsideASurrogatePair() {
    String letters = "a".repeat(SearchTerms.MAX_WORD_LENGTH + 10);
    assertThat(SearchTerms.words(letters)).containsExactly("a".repeat(SearchTerms.MAX_WORD_LENGTH));

    // U+10428 (a Deseret letter) is two chars in UTF-16: it does not fit in the last one.
    String deseret = "a".repeat(SearchTerms.MAX_WORD_LENGTH - 1) + "\uD801\uDC28" + "b";
    String word = SearchTerms.words(deseret).get(0);
    assertThat(word).hasSize(SearchTerms.MAX_WORD_LENGTH - 1);
    assertThat(Character.isHighSurrogate(word.charAt(word.length() - 1))).isFalse();
  }

  @Test
  void aTextHasAtMostTheLimitOfWords() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < SearchTerms.MAX_WORDS + 50; i++) {
      text.append("w").append(i).append(' ');
    }
    assertThat(SearchTerms.words(text.toString()))
        .hasSize(SearchTerms.MAX_WORDS)
        .startsWith("w0", "w1")
        .endsWith("w" + (SearchTerms.MAX_WORDS - 1));
  }

  @Test
  void aTextWithoutLettersOrDigitsHasNoWords() {
    assertThat(SearchTerms.words("!!! ... \uD83D\uDE00")).isEmpty();
    assertThat(SearchTerms.words("")).isEmpty();
  }

  @Test
  void aQueryFoldsLikeTheTextsItLooksFor() {
    assertThat(SearchTerms.query("  CRÈME  brûlée ")).containsExactly("creme", "brulee");
  }

  @Test
  void aQueryKeepsItsFirstWordsUpToTheLimit() {
    assertThat(SearchTerms.query("a b c d e f g h i j"))
        .hasSize(SearchTerms.MAX_QUERY_WORDS)
        .containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
  }

  @Test
  void aQueryWithoutWordsOrTooLongIsRefused() {
    for (String bad : new String[] {"", "   ", "?!", null}) {
      assertThatExceptionOfType(InvalidArgumentException.class)
          .isThrownBy(() -> SearchTerms.query(bad))
          .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> SearchTerms.query("a".repeat(SearchTerms.MAX_QUERY_LENGTH + 1)));
    assertThat(SearchTerms.query("a".repeat(SearchTerms.MAX_QUERY_LENGTH))).hasSize(1);
  }
}
