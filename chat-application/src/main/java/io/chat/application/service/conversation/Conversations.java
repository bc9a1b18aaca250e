package io.chat.application.service.conversation;

import io.chat.application.port.out.ChatRepository;
import io.chat.application.service.relation.Blocks;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.relation.CanTalk;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The gate every operation between two users passes first, and their chat: nobody acts as the desk
 * ({@link SupportDesk}), the other is known (the directory), and the two may talk ({@link
 * CanTalk}). Shared by the services.
 */
@Singleton
public final class Conversations {
  private final ChatRepository chats;
  private final Blocks blocks;
  private final Directory directory;
  private final SupportDesk desk;

  @Inject
  public Conversations(
      ChatRepository chats, Blocks blocks, Directory directory, ServiceSettings settings) {
    this.chats = chats;
    this.blocks = blocks;
    this.directory = directory;
    this.desk = settings.desk();
  }

  /** Completes when {@code me} may talk to {@code other}; fails with the rule they break. */
  public CompletionStage<Void> requireCanTalk(UserId me, UserId other) {
    return Stages.defer(
        () -> {
          desk.requireNotImpersonatedBy(me);
          CanTalk.requireNotSelf(me, other);
          return directory
              .requireKnown(other)
              .thenCompose(profile -> blocks.eitherWay(me, other))
              .thenAccept(CanTalk::requireUnblocked);
        });
  }

  /** The chat of the two users, if it exists; refuses as {@link #requireCanTalk} does. */
  CompletionStage<Optional<Chat>> chatBetween(UserId me, UserId other) {
    return requireCanTalk(me, other)
        .thenCompose(
            ok -> chats.findByPair(desk.chatTypeBetween(me, other), PairKey.of(me, other)));
  }

  /** The chat of the two users; refuses when it does not exist yet. */
  public CompletionStage<Chat> requireChatBetween(UserId me, UserId other) {
    return chatBetween(me, other)
        .thenApply(chat -> chat.orElseThrow(() -> new NotFoundException("Chat not found")));
  }

  /** The support chat with this id; refuses any other chat. */
  public CompletionStage<Chat> requireSupportChat(ChatId id) {
    return chats
        .findById(id)
        .thenApply(
            chat ->
                chat.filter(Chat::isSupport)
                    .orElseThrow(() -> new NotFoundException("Support chat not found")));
  }
}
