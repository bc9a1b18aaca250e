package io.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stored message's revisions and the rules that allow them. */
class MessageLifecycleRulesTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final ChatId CHAT = ChatId.of("65f0a1b2c3d4e5f601234567");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final MessageRules RULES = MessageRules.defaults();

  private static Message message(String text) {
    return new Message(
        MessageId.of("65f0a1b2c3d4e5f60123abcd"),
        CHAT,
        3,
        ALICE,
        MessageText.of(text),
        T0,
        Optional.empty());
  }

  private static ErrorCode code(Runnable action) {
    try {
      action.run();
    } catch (ChatException e) {
      return e.code();
    }
    throw new AssertionError("no refusal");
  }

  @Test
  void anEditKeepsThePlaceAndTakesTheNextChange() {
    Message edited = message("helo").edited(MessageText.of("hello"), T0.plusSeconds(5), 7);

    assertThat(edited.seq()).isEqualTo(3);
    assertThat(edited.text().value()).isEqualTo("hello");
    assertThat(edited.revision().editedAt()).contains(T0.plusSeconds(5));
    assertThat(edited.change()).isEqualTo(7);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> edited.edited(MessageText.of("again"), T0, 7))
        .withMessageContaining("later change");
  }

  @Test
  void aTombstoneKeepsNoTextNoQuoteNoReactionAndNoPin() {
    Message rich =
        message("secret")
            .withReactions(List.of(new Reaction("👍", 2)), 1)
            .withPin(Optional.of(new Pin(BOB, T0)), 2);

    Message tombstone = rich.deletedForEveryone(T0.plusSeconds(1), 3);

    assertThat(tombstone.isDeleted()).isTrue();
    assertThat(tombstone.text().isEmpty()).isTrue();
    assertThat(tombstone.mentions()).isEmpty();
    assertThat(tombstone.replyTo()).isEmpty();
    assertThat(tombstone.revision().reactions()).isEmpty();
    assertThat(tombstone.revision().pin()).isEmpty();
    assertThat(tombstone.seq()).isEqualTo(3);
    assertThat(tombstone.sender()).isEqualTo(ALICE);
  }

  @Test
  void onlyTombstonesAndSystemEntriesHaveNoText() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Message(
                    MessageId.of("65f0a1b2c3d4e5f60123abcd"),
                    CHAT,
                    1,
                    ALICE,
                    MessageText.NONE,
                    T0,
                    Optional.empty()));
  }

  @Test
  void hidingIsPerUser() {
    Message hidden = message("rude").hiddenFor(BOB, 1);

    assertThat(hidden.isHiddenFor(BOB)).isTrue();
    assertThat(hidden.isHiddenFor(ALICE)).isFalse();
    assertThat(hidden.text().value()).isEqualTo("rude");
  }

  @Test
  void theSenderEditsWithinTheWindowOnly() {
    Message m = message("x");

    RULES.requireEditable(m, ALICE, T0.plus(Duration.ofMinutes(15)));
    assertThat(code(() -> RULES.requireEditable(m, BOB, T0))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(code(() -> RULES.requireEditable(m, ALICE, T0.plus(Duration.ofMinutes(16)))))
        .isEqualTo(ErrorCode.WINDOW_CLOSED);
    assertThat(code(() -> RULES.requireEditable(m.deletedForEveryone(T0, 1), ALICE, T0)))
        .isEqualTo(ErrorCode.CONFLICT);
  }

  @Test
  void moderatorsDeleteAnyMessageAtAnyTime() {
    Message m = message("x");
    Instant late = T0.plus(Duration.ofHours(2));

    RULES.requireDeletableForEveryone(m, BOB, true, late);
    assertThat(code(() -> RULES.requireDeletableForEveryone(m, ALICE, false, late)))
        .isEqualTo(ErrorCode.WINDOW_CLOSED);
    assertThat(code(() -> RULES.requireDeletableForEveryone(m, BOB, false, T0)))
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void aReactionIsASingleSymbolGraphemeOrFromTheAllowList() {
    for (String ok : List.of("👍", "❤️", "👨‍👩‍👧", "🇫🇷", "1️⃣", "👍🏽", "★")) {
      assertThat(RULES.requireReaction(ok)).isEqualTo(ok);
    }
    for (String bad : List.of("", "a", "ab", "👍👍", "1", " ", "é", "\u0000", "+", "=", "<", "$")) {
      assertThat(code(() -> RULES.requireReaction(bad)))
          .as(bad)
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
    assertThat(code(() -> RULES.requireReaction(null))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    MessageRules allowList =
        new MessageRules(Duration.ZERO, Duration.ZERO, 1, 1, Set.of("+1", "👍"));
    assertThat(allowList.requireReaction("+1")).isEqualTo("+1");
    assertThat(code(() -> allowList.requireReaction("🎉"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void theAllowListKeepsTheOrderItWasGivenIn() {
    List<String> order = List.of("🎉", "👍", "+1", "❤️", "😂", "ok", "🙏");

    MessageRules rules =
        new MessageRules(Duration.ZERO, Duration.ZERO, 1, 1, new LinkedHashSet<>(order));

    assertThat(rules.allowed()).containsExactlyElementsOf(order);
  }

  @Test
  void aNewEmojiRespectsTheLimitAndAPinTheChatsLimit() {
    MessageRules two = new MessageRules(Duration.ZERO, Duration.ZERO, 1, 2, Set.of());
    Message m = message("x").withReactions(List.of(new Reaction("👍", 1)), 1);

    Message full = m.withReactions(List.of(new Reaction("👍", 1), new Reaction("🎉", 1)), 2);
    assertThat(code(() -> two.requireRoomFor(full, "❤️"))).isEqualTo(ErrorCode.LIMIT_REACHED);
    two.requireRoomFor(full, "🎉");
    assertThat(code(() -> two.requireRoomForPin(1))).isEqualTo(ErrorCode.LIMIT_REACHED);
  }

  @Test
  void aRevisionHoldsOneCountPerEmoji() {
    assertThatThrownBy(
            () ->
                message("x")
                    .withReactions(List.of(new Reaction("👍", 1), new Reaction("👍", 2)), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void searchWordsFoldCaseAndAccentsAndSplitAtPunctuation() {
    assertThat(SearchTerms.words("Crème Brûlée, CRÈME! naïve-café 42x"))
        .containsExactly("creme", "brulee", "naive", "cafe", "42x");
    // Scripts written without spaces index each character.
    assertThat(SearchTerms.words("日本語")).containsExactly("日", "本", "語");
    assertThat(SearchTerms.words("🎉 ... !!")).isEmpty();
    assertThat(code(() -> SearchTerms.query("  ?? "))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(SearchTerms.query("a b c d e f g h i j")).hasSize(SearchTerms.MAX_QUERY_WORDS);
  }
}
