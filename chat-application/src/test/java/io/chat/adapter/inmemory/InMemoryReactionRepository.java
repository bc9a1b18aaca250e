package io.chat.adapter.inmemory;

import io.chat.application.port.out.ReactionRepository;
import io.chat.domain.message.Message;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Each user's reactions in memory, one set of emoji per message and user. */
public final class InMemoryReactionRepository implements ReactionRepository {
  private final InMemoryStoreHealth health;
  private final Object lock = new Object();
  private final Map<MessageId, Map<UserId, Set<String>>> byMessage = new HashMap<>();

  public InMemoryReactionRepository() {
    this(new InMemoryStoreHealth());
  }

  /** A repository that fails while {@code health} is down. */
  public InMemoryReactionRepository(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  @Override
  public CompletionStage<Boolean> set(Message message, UserId user, String emoji, boolean on) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Set<String> mine =
                byMessage
                    .computeIfAbsent(message.id(), id -> new HashMap<>())
                    .computeIfAbsent(user, u -> new LinkedHashSet<>());
            return on ? !mine.add(emoji) : mine.remove(emoji);
          }
        });
  }

  @Override
  public CompletionStage<Map<MessageId, Set<String>>> mine(
      UserId user, Collection<MessageId> messages) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Map<MessageId, Set<String>> found = new HashMap<>();
            for (MessageId id : messages) {
              Set<String> mine = byMessage.getOrDefault(id, Map.of()).getOrDefault(user, Set.of());
              if (!mine.isEmpty()) {
                found.put(id, Set.copyOf(mine));
              }
            }
            return found;
          }
        });
  }

  @Override
  public CompletionStage<Long> count(MessageId message, String emoji) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return byMessage.getOrDefault(message, Map.of()).values().stream()
                .filter(s -> s.contains(emoji))
                .count();
          }
        });
  }
}
