package io.chat.application.service.support;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.ReadSupportChatQuery;
import io.chat.application.port.in.SupportChatDetail;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.ChatId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Reads one support chat for staff, as the desk sees it, with a page of its messages. */
public final class ReadSupportChatService implements ReadSupportChatQuery {
  private final Conversations conversations;
  private final ChatViews views;
  private final SupportDesk desk;

  @Inject
  public ReadSupportChatService(
      Conversations conversations, ChatViews views, ServiceSettings settings) {
    this.conversations = conversations;
    this.views = views;
    this.desk = settings.desk();
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
                          .view(chat, desk.id())
                          .thenCombine(
                              views.history(chat, desk.id(), range), SupportChatDetail::new));
        });
  }
}
