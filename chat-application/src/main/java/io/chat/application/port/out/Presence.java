package io.chat.application.port.out;

import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: who is connected, counted in devices. A user is online from their first device's
 * connect to their last device's disconnect.
 */
public interface Presence {

  /** Counts one more device; answers true when it is the user's first. */
  CompletionStage<Boolean> connect(UserId user);

  /** Counts one device less; answers true when it was the user's last. */
  CompletionStage<Boolean> disconnect(UserId user);

  CompletionStage<Boolean> isOnline(UserId user);

  /** Those of {@code users} who are online. */
  CompletionStage<Set<UserId>> onlineAmong(Collection<UserId> users);
}
