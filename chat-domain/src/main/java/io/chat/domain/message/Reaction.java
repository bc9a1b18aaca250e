package io.chat.domain.message;

import java.util.Objects;

/** How many users reacted to a message with one emoji. */
public record Reaction(String emoji, long count) {
  public Reaction {
    Objects.requireNonNull(emoji, "emoji");
    if (count < 1) {
      throw new IllegalArgumentException("a reaction listed has at least one user");
    }
  }
}
