package io.chat.application.port.in;

import io.chat.domain.relation.Mute;
import java.time.Instant;
import java.util.Optional;

/** Whether a chat is muted for a user now, and until when (empty: for ever, or not muted). */
public record MuteStatus(boolean muted, Optional<Instant> mutedUntil) {

  /** The status of a user's mute at {@code now}: a mute that has run out reads as not muted. */
  public static MuteStatus of(Optional<Mute> mute, Instant now) {
    Optional<Mute> active = mute.filter(m -> m.isActiveAt(now));
    return new MuteStatus(active.isPresent(), active.flatMap(Mute::until));
  }
}
