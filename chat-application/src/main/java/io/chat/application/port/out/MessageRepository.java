package io.chat.application.port.out;

import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the messages, each at its own {@code (chatId, seq)}. A message is stored once per
 * {@code (chatId, sender, clientMessageId)}; pages are bounded and come oldest first.
 */
public interface MessageRepository {

  /**
   * Stores the message unless its sender already stored one with the same {@code clientMessageId}
   * in the same chat, and answers the stored one with whether this call stored it.
   */
  CompletionStage<Stored> insert(Message message);

  CompletionStage<Optional<Message>> findById(MessageId id);

  CompletionStage<Optional<Message>> findByClientMessageId(
      ChatId chat, UserId sender, ClientMessageId clientMessageId);

  /**
   * The latest (at most {@code limit}) messages with {@code fromSeq <= seq < beforeSeq}, oldest
   * first.
   */
  CompletionStage<List<Message>> latestBefore(ChatId chat, long fromSeq, long beforeSeq, int limit);

  /** The earliest (at most {@code limit}) messages with {@code seq > afterSeq}, oldest first. */
  CompletionStage<List<Message>> earliestAfter(ChatId chat, long afterSeq, int limit);

  /** How many messages of {@code sender} have {@code seq > afterSeq}. */
  CompletionStage<Long> countFrom(ChatId chat, UserId sender, long afterSeq);

  /**
   * How many messages (not system entries) not from {@code reader} have {@code afterSeq < seq <=
   * upToSeq}, counting up to {@code cap}: a group member's unread count.
   */
  CompletionStage<Long> countUnread(
      ChatId chat, UserId reader, long afterSeq, long upToSeq, int cap);

  /** The outcome of {@link #insert}: the message as stored, and whether this call stored it. */
  record Stored(Message message, boolean created) {}
}
