package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: one of my devices disconnected; partners hear when it was my last. */
public interface GoOfflineUseCase {

  CompletionStage<Void> goOffline(UserId me);

  /**
   * {@code user}'s last devices were connected to a node that is gone (its presence lapsed, see
   * {@code Presence}), and presence no longer counts them: partners hear {@code user:offline}, as
   * after a last disconnect.
   */
  CompletionStage<Void> wentOfflineWithNode(UserId user);
}
