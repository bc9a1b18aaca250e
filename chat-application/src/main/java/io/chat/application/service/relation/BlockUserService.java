package io.chat.application.service.relation;

import io.chat.application.port.in.BlockUserUseCase;
import io.chat.application.port.out.Presence;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.presence.Partners;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.relation.Block;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Blocks a user. From then on the two exchange nothing; if they saw each other online, each now
 * sees the other go offline.
 */
public final class BlockUserService implements BlockUserUseCase {
  private final Directory directory;
  private final Blocks blocks;
  private final Presence presence;
  private final Partners partners;
  private final Broadcasts broadcasts;
  private final SupportDesk desk;
  private final Clock clock;

  @Inject
  public BlockUserService(
      Directory directory,
      Blocks blocks,
      Presence presence,
      Partners partners,
      Broadcasts broadcasts,
      ServiceSettings settings,
      Clock clock) {
    this.directory = directory;
    this.blocks = blocks;
    this.presence = presence;
    this.partners = partners;
    this.broadcasts = broadcasts;
    this.desk = settings.desk();
    this.clock = clock;
  }

  @Override
  public CompletionStage<Void> block(UserId me, UserId other) {
    return Stages.defer(
        () -> {
          Block block = Block.of(me, other, desk, clock.instant());
          return directory
              .requireKnown(other)
              .thenCompose(profile -> partners.onlineVisible(me))
              .thenCompose(
                  visibleBefore ->
                      blocks
                          .add(block)
                          .thenCompose(
                              added ->
                                  added && visibleBefore.contains(other)
                                      ? presence.isOnline(me)
                                      : Stages.done(false)))
              .thenAccept(
                  sawEachOther -> {
                    if (sawEachOther) {
                      broadcasts.offline(me, List.of(other));
                      broadcasts.offline(other, List.of(me));
                    }
                  });
        });
  }
}
