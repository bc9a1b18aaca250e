package io.chat.application.port.out;

import io.chat.domain.relation.Block;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Outbound port: who blocked whom. Adding an existing block or removing a missing one is fine. */
public interface BlockList {

  /** Records the block; answers false when it already existed. */
  CompletionStage<Boolean> add(Block block);

  /** Removes the block; answers false when there was none. */
  CompletionStage<Boolean> remove(UserId blocker, UserId blocked);

  /** Whether {@code a} blocks {@code b} or {@code b} blocks {@code a}. */
  CompletionStage<Boolean> isBlockedEitherWay(UserId a, UserId b);

  /** Everyone {@code user} blocks, and everyone who blocks {@code user}. */
  CompletionStage<Set<UserId>> blockedEitherWay(UserId user);

  /** The blocks {@code blocker} made, by blocked id ascending, strictly after {@code after}. */
  CompletionStage<List<Block>> blockedBy(UserId blocker, Optional<UserId> after, int limit);
}
