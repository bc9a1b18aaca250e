package io.chat.application.service.relation;

import io.chat.application.port.out.BlockList;
import io.chat.application.service.shared.ExpiringCache;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.domain.chat.PairKey;
import io.chat.domain.relation.Block;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * Whether a pair blocks, as every send, typing event and history page asks it: remembered per pair
 * for the settings' lookup time, and forgotten as soon as a block or unblock made here is stored.
 * Shared by the services; blocks are added and removed only through it.
 */
@Singleton
public final class Blocks {
  private static final int MAX_REMEMBERED = 100_000;

  private final BlockList list;
  private final ExpiringCache<PairKey, Boolean> eitherWay;

  @Inject
  public Blocks(BlockList list, ServiceSettings settings, Clock clock) {
    this.list = list;
    this.eitherWay = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_REMEMBERED, clock);
  }

  /** Whether {@code a} blocks {@code b} or {@code b} blocks {@code a}. */
  public CompletionStage<Boolean> eitherWay(UserId a, UserId b) {
    return eitherWay.get(PairKey.of(a, b), () -> list.isBlockedEitherWay(a, b), blocked -> true);
  }

  /** Records the block; answers false when it already existed. */
  CompletionStage<Boolean> add(Block block) {
    return list.add(block)
        .whenComplete((added, failure) -> forget(block.blocker(), block.blocked()));
  }

  /** Removes the block; answers false when there was none. */
  CompletionStage<Boolean> remove(UserId blocker, UserId blocked) {
    return list.remove(blocker, blocked)
        .whenComplete((removed, failure) -> forget(blocker, blocked));
  }

  // Also after a failure: the write may have been applied before the store's answer was lost.
  private void forget(UserId a, UserId b) {
    eitherWay.invalidate(PairKey.of(a, b));
  }
}
