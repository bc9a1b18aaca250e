package io.chat.application.service.support;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.UpdateSupportChatUseCase;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.NotFoundException;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Staff set a support chat's status or assignee; staff hear of the change. */
public final class UpdateSupportChatService implements UpdateSupportChatUseCase {
  private final Conversations conversations;
  private final ChatRepository chats;
  private final ChatViews views;
  private final Broadcasts broadcasts;
  private final SupportDesk desk;

  @Inject
  public UpdateSupportChatService(
      Conversations conversations,
      ChatRepository chats,
      ChatViews views,
      Broadcasts broadcasts,
      ServiceSettings settings) {
    this.conversations = conversations;
    this.chats = chats;
    this.views = views;
    this.broadcasts = broadcasts;
    this.desk = settings.desk();
  }

  @Override
  public CompletionStage<ChatView> updateSupportChat(Actor staff, ChatId id, SupportChange change) {
    return Stages.defer(
        () -> {
          staff.requireStaff();
          if (change.isEmpty()) {
            throw new InvalidArgumentException("Nothing to change: give status or assignedAdminId");
          }
          return conversations
              .requireSupportChat(id)
              .thenCompose(chat -> chats.updateSupport(id, change))
              .thenCompose(
                  updated -> {
                    var chat =
                        updated.orElseThrow(() -> new NotFoundException("Support chat not found"));
                    broadcasts.supportChanged(chat);
                    return views.view(chat, desk.id());
                  });
        });
  }
}
