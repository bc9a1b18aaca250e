package io.chat.domain.message;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may happen to a stored message. Its sender edits its text within the edit window and deletes
 * it for everyone within the delete window (a group's owner and admins delete any member's message,
 * at any time); anyone who sees it deletes it for themselves. A reaction is one emoji (from the
 * allow-list when one is set, else any single grapheme of up to {@link #MAX_EMOJI_LENGTH} chars
 * that is a symbol), a message has at most {@code maxReactions} distinct ones, and a chat at most
 * {@code maxPins} pinned messages. System entries and tombstones change no more.
 */
public record MessageRules(
    Duration editWindow,
    Duration deleteWindow,
    int maxPins,
    int maxReactions,
    Set<String> allowed) {
  public static final Duration DEFAULT_EDIT_WINDOW = Duration.ofMinutes(15);
  public static final Duration DEFAULT_DELETE_WINDOW = Duration.ofHours(1);
  public static final int DEFAULT_MAX_PINS = 10;
  public static final int DEFAULT_MAX_REACTIONS = 20;
  public static final int MAX_EMOJI_LENGTH = 32;

  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  public MessageRules {
    Objects.requireNonNull(editWindow, "editWindow");
    Objects.requireNonNull(deleteWindow, "deleteWindow");
    // In the order given: clients offer the allowed reactions in the order the operator chose.
    allowed = Collections.unmodifiableSet(new LinkedHashSet<>(List.copyOf(allowed)));
    if (editWindow.isNegative() || deleteWindow.isNegative() || maxPins < 0 || maxReactions < 1) {
      throw new IllegalArgumentException("windows and limits are never negative");
    }
  }

  public static MessageRules defaults() {
    return new MessageRules(
        DEFAULT_EDIT_WINDOW,
        DEFAULT_DELETE_WINDOW,
        DEFAULT_MAX_PINS,
        DEFAULT_MAX_REACTIONS,
        Set.of());
  }

  /** Only the sender edits a text message, within the edit window. */
  public void requireEditable(Message message, UserId author, Instant now) {
    requireLive(message);
    if (!message.isFrom(author)) {
      throw new NotYourMessageException("Only its sender can edit a message");
    }
    if (now.isAfter(message.createdAt().plus(editWindow))) {
      throw new WindowClosedException(
          "A message can be edited for " + editWindow.toMinutes() + " minutes after it is sent");
    }
  }

  /**
   * The sender deletes a message for everyone within the delete window; {@code moderator} (a
   * group's owner or admin) deletes any message at any time.
   */
  public void requireDeletableForEveryone(
      Message message, UserId actor, boolean moderator, Instant now) {
    if (message.isSystem()) {
      throw new MessageDeletedException("System entries cannot be deleted");
    }
    if (message.isDeleted() || moderator) {
      return;
    }
    if (!message.isFrom(actor)) {
      throw new NotYourMessageException("Only its sender can delete a message for everyone");
    }
    if (now.isAfter(message.createdAt().plus(deleteWindow))) {
      throw new WindowClosedException(
          "A message can be deleted for everyone for "
              + deleteWindow.toMinutes()
              + " minutes after it is sent");
    }
  }

  /** A reaction as given, when it is one: else {@code INVALID_ARGUMENT}. */
  public String requireReaction(String emoji) {
    if (emoji == null || emoji.isEmpty() || emoji.length() > MAX_EMOJI_LENGTH) {
      throw new InvalidArgumentException(
          "A reaction is one emoji of up to " + MAX_EMOJI_LENGTH + " chars");
    }
    if (!allowed.isEmpty()) {
      if (!allowed.contains(emoji)) {
        throw new InvalidArgumentException("This reaction is not allowed here");
      }
      return emoji;
    }
    Matcher graphemes = GRAPHEME.matcher(emoji);
    if (!graphemes.find() || graphemes.end() != emoji.length() || !isSymbol(emoji)) {
      throw new InvalidArgumentException("A reaction is one emoji");
    }
    return emoji;
  }

  private static boolean isSymbol(String grapheme) {
    return grapheme
        .codePoints()
        .anyMatch(
            c ->
                Character.getType(c) == Character.OTHER_SYMBOL || c == 0x20E3); // the keycap of 1️⃣
  }

  /** Whether a new emoji may still be added to the message. */
  public void requireRoomFor(Message message, String emoji) {
    requireLive(message);
    boolean known = message.revision().reactions().stream().anyMatch(r -> r.emoji().equals(emoji));
    if (!known && message.revision().reactions().size() >= maxReactions) {
      throw new LimitReachedException(
          "A message has at most " + maxReactions + " different reactions");
    }
  }

  /** A chat holding {@code pinned} pins takes one more only below the limit. */
  public void requireRoomForPin(int pinned) {
    if (pinned >= maxPins) {
      throw new LimitReachedException("A chat has at most " + maxPins + " pinned messages");
    }
  }

  /** Only messages (not system entries) that are not deleted are edited, reacted to, pinned. */
  public static void requireLive(Message message) {
    if (message.isSystem()) {
      throw new MessageDeletedException("System entries cannot be changed");
    }
    if (message.isDeleted()) {
      throw new MessageDeletedException("The message was deleted");
    }
  }
}
