package io.chat.application.port.out;

import io.chat.domain.message.Message;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: who reacted to a message with what, one entry per user per emoji. A message keeps
 * the counts ({@link io.chat.domain.message.Revision#reactions()}); this keeps each user's own, so
 * that a page of history learns the reader's reactions in one bounded read.
 */
public interface ReactionRepository {

  /**
   * Adds ({@code on}) or takes back {@code user}'s {@code emoji} on {@code message}; answers
   * whether the user had it before the call (so a retry changes nothing).
   */
  CompletionStage<Boolean> set(Message message, UserId user, String emoji, boolean on);

  /** {@code user}'s own reactions to each of these messages that has any (a page's worth). */
  CompletionStage<Map<MessageId, Set<String>>> mine(UserId user, Collection<MessageId> messages);

  /** How many users reacted to {@code message} with {@code emoji}: to recount after a failure. */
  CompletionStage<Long> count(MessageId message, String emoji);
}
