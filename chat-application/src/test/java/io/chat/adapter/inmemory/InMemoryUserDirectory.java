package io.chat.adapter.inmemory;

import io.chat.application.port.out.UserDirectory;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The profile directory in memory. */
public final class InMemoryUserDirectory implements UserDirectory {
  private final InMemoryStoreHealth health;
  private final Map<UserId, UserProfile> profiles = new ConcurrentHashMap<>();

  public InMemoryUserDirectory() {
    this(new InMemoryStoreHealth());
  }

  /** A directory that fails while {@code health} is down. */
  public InMemoryUserDirectory(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  @Override
  public CompletionStage<Optional<UserProfile>> find(UserId id) {
    return Stages.answer(health, () -> Optional.ofNullable(profiles.get(id)));
  }

  @Override
  public CompletionStage<Map<UserId, UserProfile>> findAll(Collection<UserId> ids) {
    return Stages.answer(
        health,
        () -> {
          Map<UserId, UserProfile> found = new HashMap<>();
          for (UserId id : ids) {
            UserProfile profile = profiles.get(id);
            if (profile != null) {
              found.put(id, profile);
            }
          }
          return Map.copyOf(found);
        });
  }

  @Override
  public CompletionStage<Void> save(UserProfile profile) {
    return Stages.answer(
        health,
        () -> {
          profiles.put(profile.id(), profile);
          return null;
        });
  }
}
