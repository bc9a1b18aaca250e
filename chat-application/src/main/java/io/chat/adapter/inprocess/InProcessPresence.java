package io.chat.adapter.inprocess;

import io.chat.application.port.out.Presence;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Presence for a single process: connected devices counted per user, in memory. */
public final class InProcessPresence implements Presence {
  private final ConcurrentHashMap<UserId, Integer> devices = new ConcurrentHashMap<>();

  @Inject
  public InProcessPresence() {}

  @Override
  public CompletionStage<Boolean> connect(UserId user) {
    int count = devices.merge(user, 1, Integer::sum);
    return CompletableFuture.completedFuture(count == 1);
  }

  @Override
  public CompletionStage<Boolean> disconnect(UserId user) {
    boolean[] last = {false};
    // A user with no count (a disconnect without connect) stays offline rather than going
    // negative.
    devices.computeIfPresent(
        user,
        (u, count) -> {
          if (count == 1) {
            last[0] = true;
            return null;
          }
          return count - 1;
        });
    return CompletableFuture.completedFuture(last[0]);
  }

  @Override
  public CompletionStage<Boolean> isOnline(UserId user) {
    return CompletableFuture.completedFuture(devices.containsKey(user));
  }

  @Override
  public CompletionStage<Set<UserId>> onlineAmong(Collection<UserId> users) {
    return CompletableFuture.completedFuture(
        users.stream().filter(devices::containsKey).collect(Collectors.toUnmodifiableSet()));
  }
}
