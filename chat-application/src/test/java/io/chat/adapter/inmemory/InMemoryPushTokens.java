package io.chat.adapter.inmemory;

import io.chat.application.port.out.PushTokens;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Push tokens in memory, keyed by the token itself so that each has one owner at a time. */
public final class InMemoryPushTokens implements PushTokens {
  private final InMemoryStoreHealth health;
  private final Map<String, Owned> tokens = new ConcurrentHashMap<>();

  public InMemoryPushTokens() {
    this(new InMemoryStoreHealth());
  }

  /** Push tokens that fail while {@code health} is down. */
  public InMemoryPushTokens(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  @Override
  public CompletionStage<Void> register(UserId user, PushToken token) {
    return Stages.answer(
        health,
        () -> {
          tokens.put(token.token(), new Owned(user, token));
          return null;
        });
  }

  @Override
  public CompletionStage<Void> remove(UserId user, String token) {
    return Stages.answer(
        health,
        () -> {
          tokens.computeIfPresent(token, (t, owned) -> owned.user().equals(user) ? null : owned);
          return null;
        });
  }

  @Override
  public CompletionStage<Void> removeAll(UserId user) {
    return Stages.answer(
        health,
        () -> {
          tokens.values().removeIf(owned -> owned.user().equals(user));
          return null;
        });
  }

  @Override
  public CompletionStage<Void> forget(String token) {
    return Stages.answer(
        health,
        () -> {
          tokens.remove(token);
          return null;
        });
  }

  @Override
  public CompletionStage<List<PushToken>> tokensOf(UserId user) {
    return Stages.answer(
        health,
        () ->
            tokens.values().stream()
                .filter(owned -> owned.user().equals(user))
                .map(Owned::token)
                .sorted(Comparator.comparing(PushToken::token))
                .toList());
  }

  private record Owned(UserId user, PushToken token) {}
}
