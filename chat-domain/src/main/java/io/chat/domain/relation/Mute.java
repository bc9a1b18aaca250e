package io.chat.domain.relation;

import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's mute of one chat, for ever or until an instant. A mute silences push notifications only:
 * messages still arrive, count as unread and reach connected devices.
 */
public record Mute(UserId user, ChatId chat, Optional<Instant> until) {
  /**
   * The latest end a mute may have: the end of year 9999, within every store's and client's dates.
   */
  public static final Instant LATEST_END = Instant.parse("9999-12-31T23:59:59Z");

  public Mute {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(until, "until");
  }

  /** A mute with an end stops by itself when that instant is reached. */
  public boolean isActiveAt(Instant now) {
    return until.map(now::isBefore).orElse(true);
  }

  /**
   * The mute after a toggle: with an end given, muted until then (which must be in the future and
   * at the latest {@link #LATEST_END}); without, an active mute ends and otherwise the chat is
   * muted for ever.
   */
  public static Optional<Mute> toggled(
      Optional<Mute> current, UserId user, ChatId chat, Optional<Instant> until, Instant now) {
    if (until.isPresent()) {
      if (!until.get().isAfter(now)) {
        throw new InvalidArgumentException("until must be in the future");
      }
      if (until.get().isAfter(LATEST_END)) {
        throw new InvalidArgumentException("until must be at the latest " + LATEST_END);
      }
      return Optional.of(new Mute(user, chat, until));
    }
    boolean active = current.map(m -> m.isActiveAt(now)).orElse(false);
    return active ? Optional.empty() : Optional.of(new Mute(user, chat, Optional.empty()));
  }
}
