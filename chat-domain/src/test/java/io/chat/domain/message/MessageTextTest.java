package io.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTextTest {
  private static final String GRIN = "\uD83D\uDE00";
  private static final String THUMBS = "\uD83D\uDC4D";

  @Test
  void theTextIsTrimmed() {
    assertThat(MessageText.of("  hello there \n\t").value()).isEqualTo("hello there");
  }

  @Test
  void newlinesAndTabsInsideTheTextAreKept() {
    assertThat(MessageText.of("line one\n\tline two").value()).isEqualTo("line one\n\tline two");
  }

  @Test
  void controlCharactersAreRemoved() {
    assertThat(MessageText.of("a\u0000b\u0007c\u001Bd\u001Fe\rf").value()).isEqualTo("abcdef");
  }

  @Test
  void everyC0ControlCharacterButNewlineAndTabIsRemoved() {
    for (char c = 0; c < 0x20; c++) {
      String text = MessageText.of("a" + c + "b").value();
      if (c == '\n' || c == '\t') {
        assertThat(text).isEqualTo("a" + c + "b");
      } else {
        assertThat(text).as("U+%04X", (int) c).isEqualTo("ab");
      }
    }
  }

  @Test
  void delAndOtherCharactersAreKept() {
    String text = "a\u007Fb\u0080c\u0085d\u00A0e\u200Bf";

    assertThat(MessageText.of(text).value()).isEqualTo(text);
  }

  @Test
  void controlCharactersAroundWhitespaceDoNotPreventTrimming() {
    assertThat(MessageText.of("\u0000  hi \u0007 \u0001").value()).isEqualTo("hi");
  }

  @Test
  void aLoneSurrogateIsRefusedAsInvalidUnicode() {
    for (String text : new String[] {"a\uD800b", "\uDC00", "a" + GRIN.charAt(0), "\uDE00" + GRIN}) {
      assertThatExceptionOfType(InvalidArgumentException.class)
          .isThrownBy(() -> MessageText.of(text))
          .withMessage("text is not valid Unicode")
          .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
    }
  }

  @Test
  void surrogatePairsAreValidUnicode() {
    assertThat(MessageText.isValidUnicode("a" + GRIN + THUMBS + "b")).isTrue();
    assertThat(MessageText.isValidUnicode("")).isTrue();
    assertThat(MessageText.isValidUnicode(GRIN.substring(1) + GRIN.substring(0, 1))).isFalse();
    assertThat(MessageText.of(GRIN + THUMBS).value()).isEqualTo(GRIN + THUMBS);
  }

  @Test
  void htmlIsNotEscaped() {
    String text = "a < b && c > d <script>alert('x')</script> &amp; \"q\"";

    assertThat(MessageText.of(text).value()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   \n\t  ", "\u0000", " \u0001\u0002 \r "})
  void anEmptyTextIsRefused(String raw) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> MessageText.of(raw))
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code);
  }

  @Test
  void aMissingTextIsRefused() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> MessageText.of(null));
  }

  @Test
  void fourThousandCharactersAreAccepted() {
    String text = "x".repeat(4_000);

    assertThat(MessageText.of(text).value()).isEqualTo(text);
  }

  @Test
  void fourThousandAndOneCharactersAreTooLong() {
    assertThatExceptionOfType(TextTooLongException.class)
        .isThrownBy(() -> MessageText.of("x".repeat(4_001)))
        .returns(ErrorCode.INVALID_ARGUMENT, ChatException::code)
        .withMessageContaining("4000");
  }

  @Test
  void theLengthIsCountedAfterTrimmingAndCleaning() {
    String text = "x".repeat(4_000);

    assertThat(MessageText.of("  \u0000" + text + "\u0007\n  ").value()).isEqualTo(text);
  }

  @Test
  void anEmojiCountsAsOneCharacter() {
    String text = GRIN.repeat(4_000);

    assertThat(text).hasSize(8_000);
    assertThat(MessageText.of(text).value()).isEqualTo(text);
    assertThatExceptionOfType(TextTooLongException.class)
        .isThrownBy(() -> MessageText.of(text + GRIN));
  }

  @Test
  void aCustomMaximumApplies() {
    assertThat(MessageText.of("hello", 5).value()).isEqualTo("hello");
    assertThat(MessageText.of(GRIN.repeat(5), 5).value()).isEqualTo(GRIN.repeat(5));
    assertThatExceptionOfType(TextTooLongException.class)
        .isThrownBy(() -> MessageText.of("hello!", 5))
        .withMessageContaining("5");
  }

  @Test
  void aTextTooLongForTheDefaultFitsALargerMaximum() {
    String text = "x".repeat(5_000);

    assertThat(MessageText.of(text, 10_000).value()).isEqualTo(text);
  }

  @Test
  void theStoredFormRefusesOnlyNullAndOnlySystemEntriesAreEmpty() {
    assertThat(new MessageText(" kept as stored ").value()).isEqualTo(" kept as stored ");
    assertThat(MessageText.NONE.isEmpty()).isTrue();
    assertThatExceptionOfType(InvalidArgumentException.class).isThrownBy(() -> MessageText.of(""));
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> new MessageText(null));
  }

  @Test
  void aShortTextIsItsOwnPreview() {
    assertThat(MessageText.of("hello").preview(5)).isEqualTo("hello");
    assertThat(MessageText.of("hello").preview(100)).isEqualTo("hello");
  }

  @Test
  void aLongTextIsCutWithAnEllipsis() {
    String preview = MessageText.of("hello world").preview(6);

    assertThat(preview).isEqualTo("hello\u2026");
    assertThat(preview.codePointCount(0, preview.length())).isEqualTo(6);
  }

  @Test
  void thePreviewNeverSplitsAnEmoji() {
    String preview = MessageText.of("a" + GRIN + THUMBS + "b" + GRIN).preview(3);

    assertThat(preview).isEqualTo("a" + GRIN + "\u2026");
    assertThat(preview.codePointCount(0, preview.length())).isEqualTo(3);
  }

  @Test
  void thePreviewOfEmojiOnlyIsWholeEmoji() {
    String text = GRIN.repeat(10);

    for (int max = 1; max < 10; max++) {
      String preview = MessageText.of(text).preview(max);

      assertThat(preview).isEqualTo(GRIN.repeat(max - 1) + "\u2026");
      assertThat(preview.chars().filter(c -> Character.isSurrogate((char) c)).count()).isEven();
    }
  }

  @Test
  void theTextFormIsTheValue() {
    assertThat(MessageText.of(" hi ")).hasToString("hi");
  }
}
