package io.chat.application.service.marks;

import io.chat.application.port.in.MarkAllSeenUseCase;
import io.chat.application.port.in.SeenMark;
import io.chat.application.service.conversation.Conversations;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Moves my read mark to the chat's last message; the other side hears {@code seen}. */
public final class MarkAllSeenService implements MarkAllSeenUseCase {
  private final Conversations conversations;
  private final Marks marks;

  @Inject
  public MarkAllSeenService(Conversations conversations, Marks marks) {
    this.conversations = conversations;
    this.marks = marks;
  }

  @Override
  public CompletionStage<SeenMark> markAllSeen(UserId me, UserId other) {
    return conversations.requireChatBetween(me, other).thenCompose(chat -> marks.readAll(chat, me));
  }
}
