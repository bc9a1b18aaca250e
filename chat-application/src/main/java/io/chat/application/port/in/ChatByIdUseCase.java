package io.chat.application.port.in;

import io.chat.domain.chat.ChatType;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: every chat by its id, whatever its type (a user chat, the user's side of a support
 * chat, a group), with the rules of its type. A chat that is not the caller's is {@code NOT_FOUND}.
 */
public interface ChatByIdUseCase {

  /**
   * The caller's chats of the given types (all when empty), latest activity first: those they
   * archived ({@code archived}) or the others.
   */
  CompletionStage<ChatPage> list(
      UserId me, Optional<ChatType> type, boolean archived, PageRequest page);

  /** The caller's chats that are not archived. */
  default CompletionStage<ChatPage> list(UserId me, Optional<ChatType> type, PageRequest page) {
    return list(me, type, false, page);
  }

  /**
   * Archives the chat for the caller (or brings it back): it leaves their default list until a
   * newer message comes, unless it is muted. Their devices hear {@code chat:archived}.
   */
  CompletionStage<ChatView> archive(UserId me, ChatId chat, boolean archived);

  /**
   * One of the caller's devices received the chat up to {@code seq}: their delivered mark moves
   * there (never back, never past what they see), and the other side hears {@code delivered}.
   */
  CompletionStage<DeliveredMark> markDelivered(UserId me, ChatId chat, long seq);

  CompletionStage<ChatView> get(UserId me, ChatId chat);

  CompletionStage<HistoryPage> history(UserId me, ChatId chat, HistoryRange range);

  /** Sends a message (an answer to one of the chat's messages, a forwarded copy) into the chat. */
  CompletionStage<Sent> send(UserId me, ChatId chat, Outgoing message);

  default CompletionStage<Sent> send(
      UserId me,
      ChatId chat,
      String text,
      Optional<ClientMessageId> clientMessageId,
      List<UserId> mentions) {
    return send(me, chat, new Outgoing(text, clientMessageId, mentions, Optional.empty(), false));
  }

  /** Moves the caller's read mark to the chat's last entry. */
  CompletionStage<SeenMark> markRead(UserId me, ChatId chat);

  CompletionStage<Cleared> clear(UserId me, ChatId chat);

  /** Tells the chat's other side (a group's other members) that the caller is typing or not. */
  CompletionStage<TypingOutcome> typing(UserId me, ChatId chat, boolean isTyping);

  /**
   * How many of the chat's current members are online: what a member of a group too large to share
   * presence asks instead.
   */
  CompletionStage<OnlineCount> online(UserId me, ChatId chat);

  /** Toggles the caller's mute of the chat, or mutes it until an instant. */
  CompletionStage<MuteStatus> toggleMute(UserId me, ChatId chat, Optional<Instant> until);

  /** Who (besides its sender) has read a group's message, by user id. */
  CompletionStage<MemberPage> readers(UserId me, ChatId chat, MessageId message, PageRequest page);
}
