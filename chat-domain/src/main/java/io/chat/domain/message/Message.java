package io.chat.domain.message;

import io.chat.domain.group.SystemEvent;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stored entry of a chat's timeline: its place in the chat is {@code seq}, which starts at 1 and
 * only grows (a failed write may leave a gap, never a duplicate or a reordering). A message has
 * text (and may mention members of a group, answer an earlier message of its chat, or be forwarded
 * from another chat); a system entry has a {@link SystemEvent} instead, and no text. What happens
 * to a message after it is stored (edits, deletion, reactions, a pin) is its {@link Revision}; a
 * message deleted for everyone keeps its place as a tombstone, without text.
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
    List<UserId> mentions,
    Optional<MessageId> replyTo,
    boolean forwarded,
    Revision revision) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(replyTo, "replyTo");
    Objects.requireNonNull(revision, "revision");
    mentions = List.copyOf(mentions);
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1");
    }
    if (system.isPresent() ? !text.isEmpty() : text.isEmpty() != revision.isDeleted()) {
      throw new IllegalArgumentException(
          "system entries and tombstones, and only they, have no text");
    }
    if (system.isPresent() && (replyTo.isPresent() || forwarded)) {
      throw new IllegalArgumentException("a system entry answers nothing and is not forwarded");
    }
  }

  /** A message or system entry as it was stored, never revised. */
  public Message(
      MessageId id,
      ChatId chatId,
      long seq,
      UserId sender,
      MessageText text,
      Instant createdAt,
      Optional<ClientMessageId> clientMessageId,
      Optional<SystemEvent> system,
      List<UserId> mentions) {
    this(
        id,
        chatId,
        seq,
        sender,
        text,
        createdAt,
        clientMessageId,
        system,
        mentions,
        Optional.empty(),
        false,
        Revision.NONE);
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

  public boolean isDeleted() {
    return revision.isDeleted();
  }

  /** Deleted for this user only (or for everyone). */
  public boolean isHiddenFor(UserId user) {
    return revision.hiddenFor().contains(user);
  }

  /** The chat's change number of this message's latest revision; 0 when it never changed. */
  public long change() {
    return revision.change();
  }

  /** The message with new text, marked edited at {@code at}; it keeps its place. */
  public Message edited(MessageText next, Instant at, long change) {
    return revised(next, mentions, replyTo, revision.withEditedAt(at).at(change));
  }

  /**
   * The tombstone of the message deleted for everyone: no text, no mentions, no quote, no reaction
   * and no pin left; its place, sender and time stay, so that order and marks hold.
   */
  public Message deletedForEveryone(Instant at, long change) {
    return revised(
        MessageText.NONE, List.of(), Optional.empty(), revision.withDeletedAt(at).at(change));
  }

  /** The message deleted for {@code user} only. */
  public Message hiddenFor(UserId user, long change) {
    Set<UserId> hidden = new HashSet<>(revision.hiddenFor());
    hidden.add(user);
    return revised(text, mentions, replyTo, revision.withHiddenFor(hidden).at(change));
  }

  public Message withReactions(List<Reaction> reactions, long change) {
    return revised(text, mentions, replyTo, revision.withReactions(reactions).at(change));
  }

  public Message withPin(Optional<Pin> pin, long change) {
    return revised(text, mentions, replyTo, revision.withPin(pin).at(change));
  }

  private Message revised(
      MessageText nextText,
      List<UserId> nextMentions,
      Optional<MessageId> nextReplyTo,
      Revision next) {
    if (next.change() <= revision.change()) {
      throw new IllegalArgumentException("a revision takes a later change number");
    }
    return new Message(
        id,
        chatId,
        seq,
        sender,
        nextText,
        createdAt,
        clientMessageId,
        system,
        nextMentions,
        nextReplyTo,
        forwarded,
        next);
  }
}
