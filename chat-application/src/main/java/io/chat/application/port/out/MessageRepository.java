package io.chat.application.port.out;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

  /**
   * Replaces a stored message's text, mentions, quote and {@link io.chat.domain.message.Revision}
   * with {@code revised}'s, at its place, unless the stored one is already at a later change (a
   * late writer never undoes a newer revision): one write of one message. A message deleted for
   * everyone keeps no text in the store, and search no longer finds it.
   */
  CompletionStage<Void> revise(Message revised);

  /**
   * The messages with these ids (at most a page's worth), in any order; unknown ids are skipped.
   */
  CompletionStage<List<Message>> findByIds(Collection<MessageId> ids);

  /**
   * The messages of {@code chat} revised with {@code afterChange < change <= upToChange}, lowest
   * change first, at most {@code limit}: what a client that holds the chat up to {@code
   * afterChange} has not seen yet (new messages aside, which it reads by seq).
   */
  CompletionStage<List<Message>> revisedBetween(
      ChatId chat, long afterChange, long upToChange, int limit);

  /** The pinned messages of a chat, latest pin first, at most {@code limit}. */
  CompletionStage<List<Message>> pinned(ChatId chat, int limit);

  /**
   * The messages that have every one of {@code words} (as {@link
   * io.chat.domain.message.SearchTerms#words} makes them) within {@code scopes} (the chats the
   * searcher sees, each with the seqs they see there), newest first ({@code createdAt}, then id,
   * both descending), strictly after {@code after} in that order, at most {@code limit}: never a
   * message deleted for everyone, a system entry, or a message hidden for {@code searcher}. Answers
   * from an index of the words, not a scan of the messages.
   */
  CompletionStage<List<Message>> search(
      UserId searcher,
      List<String> words,
      List<SearchScope> scopes,
      Optional<SearchCursor> after,
      int limit);

  /**
   * A send's two writes as one step: {@code chats.recordMessage(ifAbsent, message, status)} (the
   * chat takes the next seq), then {@link #insert} of the message at that seq; answers both
   * outcomes. The default makes the two calls one after the other; an adapter that keeps the chats
   * and the messages in one database may make them one transaction (one commit), with the same
   * outcome and {@code chats} being its own.
   */
  default CompletionStage<Recorded> record(
      ChatRepository chats, Chat ifAbsent, NewMessage message, Optional<SupportStatus> status) {
    return chats
        .recordMessage(ifAbsent, message, status)
        .thenCompose(
            chat ->
                insert(message.at(chat.id(), chat.lastSeq()))
                    .thenApply(stored -> new Recorded(chat, stored)));
  }

  /**
   * A send into a chat of two, as {@link #record}, unless it is a retry: when the pair's chat
   * ({@code ifAbsent}'s type and pair) already holds a message of {@code message}'s sender with its
   * {@code clientMessageId}, answers that message (not created) and the chat as stored, and writes
   * nothing, so that the chat takes no seq for a retry. Callers run the sends into one chat one at
   * a time. The default looks first ({@code chats.findByPair}, then {@link
   * #findByClientMessageId}), then records; an adapter that keeps chats and messages in one
   * database may look inside the write instead.
   */
  default CompletionStage<Recorded> recordUnlessStored(
      ChatRepository chats, Chat ifAbsent, NewMessage message, Optional<SupportStatus> status) {
    if (message.clientMessageId().isEmpty()) {
      return record(chats, ifAbsent, message, status);
    }
    return chats
        .findByPair(ifAbsent.type(), ifAbsent.pair())
        .thenCompose(
            chat ->
                chat.isEmpty()
                    ? record(chats, ifAbsent, message, status)
                    : findByClientMessageId(
                            chat.get().id(), message.sender(), message.clientMessageId().get())
                        .thenCompose(
                            earlier ->
                                earlier.isPresent()
                                    ? CompletableFuture.completedFuture(
                                        new Recorded(chat.get(), new Stored(earlier.get(), false)))
                                    : record(chats, ifAbsent, message, status)));
  }

  /** The outcome of {@link #insert}: the message as stored, and whether this call stored it. */
  record Stored(Message message, boolean created) {}

  /** The outcome of {@link #record}: the chat after its step, and the message's {@link Stored}. */
  record Recorded(Chat chat, Stored stored) {}
}
