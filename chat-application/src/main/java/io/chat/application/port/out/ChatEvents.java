package io.chat.application.port.out;

import io.chat.domain.user.UserId;
import java.util.Collection;

/**
 * Outbound port: realtime delivery. The application decides what goes to whom; an adapter only
 * delivers, to every connected device of a user, or to every connected member of staff. Delivery is
 * best effort and never fails the caller: a client that missed events resyncs from the store
 * ({@code after=seq}), so these methods return nothing to wait for.
 */
public interface ChatEvents {

  void toUser(UserId user, ChatEvent event);

  void toStaff(ChatEvent event);

  /**
   * A message event and the list entry it changed ({@code message:new} or {@code message:sent} with
   * {@code chat:update}), for {@code user}'s devices: the two events in this order, as two calls of
   * {@link #toUser(UserId, ChatEvent)} deliver them. An adapter may carry both in one frame to a
   * device that asked for that.
   */
  default void toUser(UserId user, ChatEvent message, ChatEvent listEntry) {
    toUser(user, message);
    toUser(user, listEntry);
  }

  /**
   * {@code event} for every user of {@code users}, as many calls of {@link #toUser(UserId,
   * ChatEvent)} deliver it: an adapter may carry it to all of them at once (one message on a bus
   * for a group of any size).
   */
  default void toUsers(Collection<UserId> users, ChatEvent event) {
    users.forEach(user -> toUser(user, event));
  }

  /** As {@link #toUsers(Collection, ChatEvent)}, for a message event and its list entry. */
  default void toUsers(Collection<UserId> users, ChatEvent message, ChatEvent listEntry) {
    users.forEach(user -> toUser(user, message, listEntry));
  }

  /**
   * As {@link #toUser(UserId, ChatEvent, ChatEvent)}, for staff ({@code admin_support:message:new}
   * with {@code admin_support:chat:update}).
   */
  default void toStaff(ChatEvent message, ChatEvent listEntry) {
    toStaff(message);
    toStaff(listEntry);
  }
}
