package io.chat.application.service.support;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.ReadSupportChatQuery;
import io.chat.application.port.in.SupportChatDetail;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.SystemUser;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Reads one support chat for staff, as the desk sees it, with a page of its messages. */
public final class ReadSupportChatService implements ReadSupportChatQuery {
  private final Conversations conversations;
  private final ChatViews views;
  private final SystemUser system;

  @Inject
  public ReadSupportChatService(
      Conversations conversations, ChatViews views, ServiceSettings settings) {
    this.conversations = conversations;
    this.views = views;
    this.system = settings.systemUser();
  }

  @Override
  public CompletionStage<SupportChatDetail> readSupportChat(
      Actor staff, ChatId id, HistoryRange range) {
    return Stages.defer(
        () -> {
          staff.requireStaff();
          return conversations
              .requireSupportChat(id)
              .thenCompose(
                  chat ->
                      views
                          .view(chat, system.id())
                          .thenCombine(
                              views.history(chat, system.id(), range), SupportChatDetail::new));
        });
  }
}
