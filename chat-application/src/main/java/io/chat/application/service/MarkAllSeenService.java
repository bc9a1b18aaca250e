package io.chat.application.service;

import io.chat.application.port.in.MarkAllSeenUseCase;
import io.chat.application.port.in.SeenMark;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Moves my read mark to the chat's last message; the other side hears {@code seen}. */
public final class MarkAllSeenService implements MarkAllSeenUseCase {
  private final Conversations conversations;
  private final Marks marks;
  private final Broadcasts broadcasts;

  @Inject
  public MarkAllSeenService(Conversations conversations, Marks marks, Broadcasts broadcasts) {
    this.conversations = conversations;
    this.marks = marks;
    this.broadcasts = broadcasts;
  }

  @Override
  public CompletionStage<SeenMark> markAllSeen(UserId me, UserId other) {
    return conversations
        .requireChatBetween(me, other)
        .thenCompose(chat -> readAll(chat, me, marks, broadcasts));
  }

  /** Reads everything in {@code chat} for {@code reader}, telling the other side if it moved. */
  static CompletionStage<SeenMark> readAll(
      io.chat.domain.chat.Chat chat, UserId reader, Marks marks, Broadcasts broadcasts) {
    return marks
        .readAll(
            chat,
            reader,
            moved ->
                moved
                    .lastMessage()
                    .ifPresent(last -> broadcasts.readMarkMoved(moved, reader, last)))
        .thenApply(moved -> MarkSeenService.mark(moved.chat(), reader));
  }
}
