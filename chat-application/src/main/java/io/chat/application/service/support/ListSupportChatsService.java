package io.chat.application.service.support;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ListSupportChatsQuery;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.chat.SupportStatus;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Lists support chats for staff, as the desk sees them, latest activity first. */
public final class ListSupportChatsService implements ListSupportChatsQuery {
  private final ChatRepository chats;
  private final ChatViews views;
  private final SupportDesk desk;

  @Inject
  public ListSupportChatsService(ChatRepository chats, ChatViews views, ServiceSettings settings) {
    this.chats = chats;
    this.views = views;
    this.desk = settings.desk();
  }

  @Override
  public CompletionStage<ChatPage> listSupportChats(
      Actor staff, Optional<SupportStatus> status, PageRequest page) {
    return Stages.defer(
        () -> {
          staff.requireStaff();
          Optional<ChatCursor> after = page.cursor().map(ChatCursor::decode);
          return chats
              .listSupport(status, after, page.limit() + 1)
              .thenCompose(found -> views.page(found, desk.id(), page.limit()));
        });
  }
}
