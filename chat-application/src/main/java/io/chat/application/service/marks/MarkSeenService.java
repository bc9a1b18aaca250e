package io.chat.application.service.marks;

import io.chat.application.port.in.MarkSeenUseCase;
import io.chat.application.port.in.SeenMark;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.shared.Stages;
import io.chat.domain.message.Message;
import io.chat.domain.shared.MessageId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * Moves my read mark up to one of the other side's messages; my own messages and marks already past
 * it change nothing. The other side hears {@code seen} when the mark moved.
 */
public final class MarkSeenService implements MarkSeenUseCase {
  private final Conversations conversations;
  private final MessageRepository messages;
  private final Marks marks;

  @Inject
  public MarkSeenService(Conversations conversations, MessageRepository messages, Marks marks) {
    this.conversations = conversations;
    this.messages = messages;
    this.marks = marks;
  }

  @Override
  public CompletionStage<SeenMark> markSeen(UserId me, UserId other, MessageId id) {
    return conversations
        .requireChatBetween(me, other)
        .thenCompose(
            chat ->
                messages
                    .findById(id)
                    .thenCompose(
                        found -> {
                          Message message =
                              found
                                  .filter(m -> m.chatId().equals(chat.id()))
                                  .orElseThrow(() -> new NotFoundException("Message not found"));
                          if (message.isFrom(me)) {
                            return Stages.done(SeenMark.of(chat, me));
                          }
                          return marks.readUpTo(chat, me, message);
                        }));
  }
}
