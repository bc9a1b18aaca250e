package io.chat.application.port.out;

import io.chat.domain.user.UserId;

/**
 * Outbound port: realtime delivery. The application decides what goes to whom; an adapter only
 * delivers, to every connected device of a user, or to every connected member of staff. Delivery is
 * best effort and never fails the caller: a client that missed events resyncs from the store
 * ({@code after=seq}), so these methods return nothing to wait for.
 */
public interface ChatEvents {

  void toUser(UserId user, ChatEvent event);

  void toStaff(ChatEvent event);
}
