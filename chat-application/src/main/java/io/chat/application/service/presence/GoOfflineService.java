package io.chat.application.service.presence;

import io.chat.application.port.in.GoOfflineUseCase;
import io.chat.application.port.out.Presence;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.shared.Stages;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * Counts a device gone. At the user's last, their online partners hear {@code user:offline}; so
 * they do when the user's last devices went with a node that died.
 */
public final class GoOfflineService implements GoOfflineUseCase {
  private final Presence presence;
  private final Partners partners;
  private final Broadcasts broadcasts;

  @Inject
  public GoOfflineService(Presence presence, Partners partners, Broadcasts broadcasts) {
    this.presence = presence;
    this.partners = partners;
    this.broadcasts = broadcasts;
  }

  @Override
  public CompletionStage<Void> goOffline(UserId me) {
    return presence
        .disconnect(me)
        .thenCompose(last -> last ? wentOfflineWithNode(me) : Stages.<Void>done(null));
  }

  @Override
  public CompletionStage<Void> wentOfflineWithNode(UserId user) {
    return partners.onlineVisible(user).thenAccept(online -> broadcasts.offline(user, online));
  }
}
