package io.chat.domain.relation;

import io.chat.domain.chat.SupportDesk;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * When a stored message becomes a push to its recipient: never to the desk, never while a device of
 * theirs is connected, never while they mute the chat, and only to a device they registered.
 * Blocked pairs never get this far: they cannot send. Each rule is one step, so that a caller asks
 * for a fact only while the answer may still be yes.
 */
public final class PushEligibility {
  private PushEligibility() {}

  /** The desk never gets pushes; any user may. */
  public static boolean forRecipient(SupportDesk desk, UserId recipient) {
    return desk.getsPushes(recipient);
  }

  /** A recipient with a connected device gets the message there, not as a push. */
  public static boolean whileOnline(boolean online) {
    return !online;
  }

  /** A mute in force silences pushes (and only pushes: the message still arrives and counts). */
  public static boolean underMute(Optional<Mute> mute, Instant now) {
    return mute.map(m -> !m.isActiveAt(now)).orElse(true);
  }

  /** A push goes to the recipient's registered devices: without one, there is nothing to push. */
  public static boolean toDevices(Collection<PushToken> devices) {
    return !devices.isEmpty();
  }
}
