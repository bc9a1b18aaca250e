package io.chat.adapter.inmemory;

import io.chat.application.port.out.BlockList;
import io.chat.domain.relation.Block;
import io.chat.domain.user.UserId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/** Blocks in memory, by blocker and then by blocked id, so that pages come in id order. */
public final class InMemoryBlockList implements BlockList {
  private final InMemoryStoreHealth health;
  private final Object lock = new Object();
  private final Map<UserId, NavigableMap<UserId, Block>> byBlocker = new HashMap<>();

  public InMemoryBlockList() {
    this(new InMemoryStoreHealth());
  }

  /** A block list that fails while {@code health} is down. */
  public InMemoryBlockList(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  @Override
  public CompletionStage<Boolean> add(Block block) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            // The first block stands: adding it again changes nothing, not even its time.
            return byBlocker
                    .computeIfAbsent(block.blocker(), b -> new TreeMap<>())
                    .putIfAbsent(block.blocked(), block)
                == null;
          }
        });
  }

  @Override
  public CompletionStage<Boolean> remove(UserId blocker, UserId blocked) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            NavigableMap<UserId, Block> blocks = byBlocker.get(blocker);
            return blocks != null && blocks.remove(blocked) != null;
          }
        });
  }

  @Override
  public CompletionStage<Boolean> isBlockedEitherWay(UserId a, UserId b) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return blocks(a, b) || blocks(b, a);
          }
        });
  }

  @Override
  public CompletionStage<Set<UserId>> blockedEitherWay(UserId user) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Set<UserId> others = new HashSet<>();
            byBlocker.forEach(
                (blocker, blocks) -> {
                  if (blocker.equals(user)) {
                    others.addAll(blocks.keySet());
                  } else if (blocks.containsKey(user)) {
                    others.add(blocker);
                  }
                });
            return Set.copyOf(others);
          }
        });
  }

  @Override
  public CompletionStage<List<Block>> blockedBy(UserId blocker, Optional<UserId> after, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          synchronized (lock) {
            NavigableMap<UserId, Block> blocks = byBlocker.getOrDefault(blocker, new TreeMap<>());
            NavigableMap<UserId, Block> rest =
                after.map(last -> blocks.tailMap(last, false)).orElse(blocks);
            return rest.values().stream().limit(limit).toList();
          }
        });
  }

  private boolean blocks(UserId blocker, UserId blocked) {
    NavigableMap<UserId, Block> blocks = byBlocker.get(blocker);
    return blocks != null && blocks.containsKey(blocked);
  }
}
