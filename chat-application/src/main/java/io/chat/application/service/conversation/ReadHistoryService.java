package io.chat.application.service.conversation;

import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.ReadHistoryQuery;
import io.chat.application.service.shared.Stages;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Reads a page of a chat's history for one participant; a chat not started yet is empty. */
public final class ReadHistoryService implements ReadHistoryQuery {
  private final Conversations conversations;
  private final ChatViews views;

  @Inject
  public ReadHistoryService(Conversations conversations, ChatViews views) {
    this.conversations = conversations;
    this.views = views;
  }

  @Override
  public CompletionStage<HistoryPage> readHistory(UserId me, UserId other, HistoryRange range) {
    return conversations
        .chatBetween(me, other)
        .thenCompose(
            chat ->
                chat.isEmpty()
                    ? Stages.done(HistoryPage.empty())
                    : views.history(chat.get(), me, range));
  }
}
