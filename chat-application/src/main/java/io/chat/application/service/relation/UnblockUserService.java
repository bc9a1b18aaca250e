package io.chat.application.service.relation;

import io.chat.application.port.in.UnblockUserUseCase;
import io.chat.application.port.out.Presence;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.presence.Partners;
import io.chat.application.service.shared.Stages;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Lifts my block of a user: the chat and its history come back, and if nobody else blocks and both
 * are online, each sees the other online again.
 */
public final class UnblockUserService implements UnblockUserUseCase {
  private final Blocks blocks;
  private final Presence presence;
  private final Partners partners;
  private final Broadcasts broadcasts;

  @Inject
  public UnblockUserService(
      Blocks blocks, Presence presence, Partners partners, Broadcasts broadcasts) {
    this.blocks = blocks;
    this.presence = presence;
    this.partners = partners;
    this.broadcasts = broadcasts;
  }

  @Override
  public CompletionStage<Void> unblock(UserId me, UserId other) {
    return blocks
        .remove(me, other)
        .thenCompose(removed -> removed ? blocks.eitherWay(me, other) : Stages.done(true))
        .thenCompose(
            stillBlocked ->
                stillBlocked ? Stages.done(Set.<UserId>of()) : partners.onlineVisible(me))
        .thenCompose(
            visible -> visible.contains(other) ? presence.isOnline(me) : Stages.done(false))
        .thenAccept(
            bothOnline -> {
              if (bothOnline) {
                broadcasts.online(me, List.of(other));
                broadcasts.online(other, List.of(me));
              }
            });
  }
}
