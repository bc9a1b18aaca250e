package io.chat.adapter.inmemory;

import io.chat.application.port.out.MuteSettings;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Mutes in memory, one per user and chat. */
public final class InMemoryMuteSettings implements MuteSettings {
  private final InMemoryStoreHealth health;
  private final Map<Key, Mute> mutes = new ConcurrentHashMap<>();

  public InMemoryMuteSettings() {
    this(new InMemoryStoreHealth());
  }

  /** Mute settings that fail while {@code health} is down. */
  public InMemoryMuteSettings(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  @Override
  public CompletionStage<Optional<Mute>> find(UserId user, ChatId chat) {
    return Stages.answer(health, () -> Optional.ofNullable(mutes.get(new Key(user, chat))));
  }

  @Override
  public CompletionStage<Map<ChatId, Mute>> findAll(UserId user, Collection<ChatId> chats) {
    return Stages.answer(
        health,
        () -> {
          Map<ChatId, Mute> found = new HashMap<>();
          for (ChatId chat : chats) {
            Mute mute = mutes.get(new Key(user, chat));
            if (mute != null) {
              found.put(chat, mute);
            }
          }
          return Map.copyOf(found);
        });
  }

  @Override
  public CompletionStage<Void> save(Mute mute) {
    return Stages.answer(
        health,
        () -> {
          mutes.put(new Key(mute.user(), mute.chat()), mute);
          return null;
        });
  }

  @Override
  public CompletionStage<Void> remove(UserId user, ChatId chat) {
    return Stages.answer(
        health,
        () -> {
          mutes.remove(new Key(user, chat));
          return null;
        });
  }

  private record Key(UserId user, ChatId chat) {}
}
