package io.chat.application.service.presence;

import io.chat.application.port.in.OnlinePartnersQuery;
import io.chat.application.port.in.PresenceSnapshot;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Tells which of my chat partners are online now (never across a block). */
public final class OnlinePartnersService implements OnlinePartnersQuery {
  private final Partners partners;

  @Inject
  public OnlinePartnersService(Partners partners) {
    this.partners = partners;
  }

  @Override
  public CompletionStage<PresenceSnapshot> onlinePartners(UserId me) {
    return partners.onlineVisible(me).thenApply(PresenceSnapshot::new);
  }
}
