package io.chat.domain.message;

import io.chat.domain.group.SystemEvent;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored entry of a chat's timeline: its place in the chat is {@code seq}, which starts at 1 and
 * only grows (a failed write may leave a gap, never a duplicate or a reordering). A message has
 * text (and may mention members of a group); a system entry has a {@link SystemEvent} instead, and
 * no text.
 */
public record Message(
    MessageId id,
    ChatId chatId,
    long seq,
    UserId sender,
    MessageText text,
    Instant createdAt,
    Optional<ClientMessageId> clientMessageId,
    Optional<SystemEvent> system,
    List<UserId> mentions) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    Objects.requireNonNull(system, "system");
    mentions = List.copyOf(mentions);
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1");
    }
    if (system.isPresent() != text.isEmpty()) {
      throw new IllegalArgumentException("a system entry, and only it, has no text");
    }
  }

  /** A text message. */
  public Message(
      MessageId id,
      ChatId chatId,
      long seq,
      UserId sender,
      MessageText text,
      Instant createdAt,
      Optional<ClientMessageId> clientMessageId) {
    this(id, chatId, seq, sender, text, createdAt, clientMessageId, Optional.empty(), List.of());
  }

  public boolean isFrom(UserId user) {
    return sender.equals(user);
  }

  public boolean isSystem() {
    return system.isPresent();
  }

  public boolean mentions(UserId user) {
    return mentions.contains(user);
  }
}
