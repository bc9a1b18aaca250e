package io.chat.application.service.marks;

import io.chat.application.port.in.ClearHistoryUseCase;
import io.chat.application.port.in.Cleared;
import io.chat.application.service.conversation.Conversations;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Clears a chat's history for me only: my clear mark moves to the last message. */
public final class ClearHistoryService implements ClearHistoryUseCase {
  private final Conversations conversations;
  private final Marks marks;

  @Inject
  public ClearHistoryService(Conversations conversations, Marks marks) {
    this.conversations = conversations;
    this.marks = marks;
  }

  @Override
  public CompletionStage<Cleared> clearHistory(UserId me, UserId other) {
    return conversations
        .requireChatBetween(me, other)
        .thenCompose(chat -> marks.clearAll(chat, me));
  }
}
