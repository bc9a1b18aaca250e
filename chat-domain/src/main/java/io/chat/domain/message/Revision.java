package io.chat.domain.message;

import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What happened to a message after it was stored. {@code change} is the chat's change number of the
 * message's latest revision (0: never revised): a client that holds a chat up to change {@code c}
 * catches up with every message revised after {@code c}. A message is edited ({@code editedAt}),
 * deleted for everyone ({@code deletedAt}: a tombstone without text), reacted to (counts per emoji,
 * in the order each emoji first came), pinned, and hidden for some users (deleted for them).
 */
public record Revision(
    long change,
    Optional<Instant> editedAt,
    Optional<Instant> deletedAt,
    List<Reaction> reactions,
    Optional<Pin> pin,
    Set<UserId> hiddenFor) {

  public static final Revision NONE =
      new Revision(0, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Set.of());

  public Revision {
    Objects.requireNonNull(editedAt, "editedAt");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(pin, "pin");
    reactions = List.copyOf(reactions);
    hiddenFor = Set.copyOf(hiddenFor);
    if (change < 0) {
      throw new IllegalArgumentException("a change number is never negative");
    }
    if (deletedAt.isPresent() && (!reactions.isEmpty() || pin.isPresent())) {
      throw new IllegalArgumentException("a deleted message keeps no reaction and no pin");
    }
    if (reactions.stream().map(Reaction::emoji).distinct().count() != reactions.size()) {
      throw new IllegalArgumentException("one count per emoji");
    }
  }

  public boolean isDeleted() {
    return deletedAt.isPresent();
  }

  Revision at(long nextChange) {
    return new Revision(nextChange, editedAt, deletedAt, reactions, pin, hiddenFor);
  }

  Revision withEditedAt(Instant at) {
    return new Revision(change, Optional.of(at), deletedAt, reactions, pin, hiddenFor);
  }

  Revision withDeletedAt(Instant at) {
    return new Revision(change, editedAt, Optional.of(at), List.of(), Optional.empty(), hiddenFor);
  }

  Revision withReactions(List<Reaction> next) {
    return new Revision(change, editedAt, deletedAt, next, pin, hiddenFor);
  }

  Revision withPin(Optional<Pin> next) {
    return new Revision(change, editedAt, deletedAt, reactions, next, hiddenFor);
  }

  Revision withHiddenFor(Set<UserId> next) {
    return new Revision(change, editedAt, deletedAt, reactions, pin, next);
  }
}
