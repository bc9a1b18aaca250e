package io.chat.domain.message;

import io.chat.domain.group.SystemEvent;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A message about to be stored: everything but its chat and place, which the store hands out. */
public record NewMessage(
    MessageId id,
    UserId sender,
    MessageText text,
    Instant createdAt,
    Optional<ClientMessageId> clientMessageId,
    Optional<SystemEvent> system,
    List<UserId> mentions,
    Optional<MessageId> replyTo,
    boolean forwarded) {

  public NewMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(replyTo, "replyTo");
    mentions = List.copyOf(mentions);
  }

  /** A message that answers nothing and is not forwarded (or a system entry). */
  public NewMessage(
      MessageId id,
      UserId sender,
      MessageText text,
      Instant createdAt,
      Optional<ClientMessageId> clientMessageId,
      Optional<SystemEvent> system,
      List<UserId> mentions) {
    this(id, sender, text, createdAt, clientMessageId, system, mentions, Optional.empty(), false);
  }

  /** A text message. */
  public NewMessage(
      MessageId id,
      UserId sender,
      MessageText text,
      Instant createdAt,
      Optional<ClientMessageId> clientMessageId) {
    this(id, sender, text, createdAt, clientMessageId, Optional.empty(), List.of());
  }

  /** A system entry of a group's timeline, told by {@code event}'s actor. */
  public static NewMessage system(MessageId id, SystemEvent event, Instant at) {
    return new NewMessage(
        id, event.actor(), MessageText.NONE, at, Optional.empty(), Optional.of(event), List.of());
  }

  /** The stored message once the chat has handed out its place. */
  public Message at(ChatId chatId, long seq) {
    return new Message(
        id,
        chatId,
        seq,
        sender,
        text,
        createdAt,
        clientMessageId,
        system,
        mentions,
        replyTo,
        forwarded,
        Revision.NONE);
  }
}
