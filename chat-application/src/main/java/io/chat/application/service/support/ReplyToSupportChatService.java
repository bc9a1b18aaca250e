package io.chat.application.service.support;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.ReplyToSupportChatUseCase;
import io.chat.application.port.in.Sent;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.message.MessageSender;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.MessageText;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Staff answer a support chat; the message is the system user's, the chat waits for the user. */
public final class ReplyToSupportChatService implements ReplyToSupportChatUseCase {
  private final Conversations conversations;
  private final MessageSender sender;
  private final ServiceSettings settings;

  @Inject
  public ReplyToSupportChatService(
      Conversations conversations, MessageSender sender, ServiceSettings settings) {
    this.conversations = conversations;
    this.sender = sender;
    this.settings = settings;
  }

  @Override
  public CompletionStage<Sent> reply(
      Actor staff, ChatId id, String text, Optional<ClientMessageId> clientMessageId) {
    return Stages.defer(
        () -> {
          staff.requireStaff();
          MessageText clean = MessageText.of(text, settings.maxTextLength());
          UserId desk = settings.desk().id();
          return conversations
              .requireSupportChat(id)
              .thenCompose(chat -> sender.send(desk, chat.otherThan(desk), clean, clientMessageId));
        });
  }
}
