package io.chat.application.port.in;

import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: what happens to a message after it is sent, in any chat by its id. The caller acts
 * as themselves; staff act as the support desk in support chats. A message the caller cannot see
 * (another chat's, before their join or clear mark, deleted for them) is {@code NOT_FOUND}. Every
 * change takes the chat's next change number, keeps the message's seq, and is told once to each
 * device of the chat's current audience (a deletion for oneself to one's own devices only).
 */
public interface MessageLifecycleUseCase {

  /** Replaces the text of the caller's own message, within the edit window. */
  CompletionStage<MessageView> edit(Actor actor, ChatId chat, MessageId message, String text);

  /**
   * Deletes a message for the caller only ({@code forEveryone} false: any message they see), or for
   * everyone (their own within the delete window; a group's owner and admins any member's): its
   * text is erased and a tombstone keeps its place.
   */
  CompletionStage<MessageView> delete(
      Actor actor, ChatId chat, MessageId message, boolean forEveryone);

  /** Adds ({@code on}) or takes back the caller's reaction; a retry changes nothing. */
  CompletionStage<MessageView> react(
      Actor actor, ChatId chat, MessageId message, String emoji, boolean on);

  /** Pins or unpins a message (either side of a chat of two; a group's owner and admins). */
  CompletionStage<MessageView> pin(Actor actor, ChatId chat, MessageId message, boolean on);

  /** The chat's pinned messages the caller sees, latest pin first. */
  CompletionStage<List<MessageView>> pinned(Actor actor, ChatId chat);

  /** The messages revised after change number {@code since}, as the caller sees them. */
  CompletionStage<ChangesPage> changes(Actor actor, ChatId chat, long since, int limit);

  /**
   * Sends a copy of a message the caller sees into another chat they may write to, marked {@code
   * forwarded} and with no link to where it came from.
   */
  CompletionStage<Sent> forward(
      Actor actor,
      ChatId from,
      MessageId message,
      ChatId to,
      Optional<ClientMessageId> clientMessageId);
}
