package io.chat.application.port.out;

import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Outbound port: each user's mutes, at most one per chat. */
public interface MuteSettings {

  CompletionStage<Optional<Mute>> find(UserId user, ChatId chat);

  /** The user's mutes of any of {@code chats}, by chat. */
  CompletionStage<Map<ChatId, Mute>> findAll(UserId user, Collection<ChatId> chats);

  /** Stores the mute, replacing the user's earlier mute of the same chat. */
  CompletionStage<Void> save(Mute mute);

  CompletionStage<Void> remove(UserId user, ChatId chat);
}
