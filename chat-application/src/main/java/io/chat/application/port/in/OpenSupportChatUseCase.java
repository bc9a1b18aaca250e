package io.chat.application.port.in;

import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.user.UserId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: staff get or create a user's support chat, about an entity, optionally with a first
 * message from the desk.
 */
public interface OpenSupportChatUseCase {

  CompletionStage<ChatView> openSupportChat(
      Actor staff,
      UserId user,
      Optional<RelatedEntity> relatedEntity,
      Optional<String> initialMessage);
}
