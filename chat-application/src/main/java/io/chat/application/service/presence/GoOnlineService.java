package io.chat.application.service.presence;

import io.chat.application.port.in.GoOnlineUseCase;
import io.chat.application.port.in.PresenceSnapshot;
import io.chat.application.port.out.Presence;
import io.chat.application.service.event.Broadcasts;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * Counts a connected device. At the user's first, their online partners hear {@code user:online};
 * every new device learns which partners are online.
 */
public final class GoOnlineService implements GoOnlineUseCase {
  private final Presence presence;
  private final Partners partners;
  private final Broadcasts broadcasts;

  @Inject
  public GoOnlineService(Presence presence, Partners partners, Broadcasts broadcasts) {
    this.presence = presence;
    this.partners = partners;
    this.broadcasts = broadcasts;
  }

  @Override
  public CompletionStage<PresenceSnapshot> goOnline(UserId me) {
    return presence
        .connect(me)
        .thenCompose(
            first ->
                partners
                    .onlineVisible(me)
                    .thenApply(
                        online -> {
                          if (first) {
                            broadcasts.online(me, online);
                          }
                          return new PresenceSnapshot(online);
                        }));
  }

  @Override
  public CompletionStage<Void> backOnlineWithNode(UserId user) {
    return partners.onlineVisible(user).thenAccept(online -> broadcasts.online(user, online));
  }
}
