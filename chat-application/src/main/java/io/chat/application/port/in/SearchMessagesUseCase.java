package io.chat.application.port.in;

import io.chat.domain.shared.ChatId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: a user searches the text of the messages they can see, newest first, a page at a
 * time: in their chats of two (not while a block stands between the pair; from their clear mark on)
 * and their groups (from their join, or clear mark, to their leave), never a message deleted for
 * everyone or for them, nor a system entry. Words match whatever their case and accents (see {@link
 * io.chat.domain.message.SearchTerms}); a message matches when it has every word of the query.
 * Staff search as themselves (their own chats), not as the support desk.
 */
public interface SearchMessagesUseCase {

  /**
   * A page of the caller's messages that have every word of {@code query}, within {@code chat} only
   * when given. Refusals: {@code INVALID_ARGUMENT} (a query without a word of letters or digits, or
   * over 1,000 characters; a cursor this search did not give out), {@code NOT_FOUND} ({@code chat}
   * is not the caller's), {@code BLOCKED} ({@code chat} is a user chat with someone blocked either
   * way), {@code FORBIDDEN} (the system user's id).
   */
  CompletionStage<SearchPage> search(
      Actor actor, String query, Optional<ChatId> chat, PageRequest page);
}
