package io.chat.application.port.in;

import io.chat.domain.chat.Chat;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Revision;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A message as one reader sees it: {@code seen} is from that reader's point of view, and so are the
 * {@link Lifecycle}'s {@code hidden} and reactions' {@code mine}.
 */
public record MessageView(
    MessageId id,
    ChatId chatId,
    UserId sender,
    String text,
    Instant timestamp,
    long seq,
    boolean seen,
    Optional<ClientMessageId> clientMessageId,
    Optional<SystemEvent> system,
    List<UserId> mentions,
    Lifecycle lifecycle,
    boolean delivered) {

  public MessageView {
    mentions = List.copyOf(mentions);
    Objects.requireNonNull(lifecycle, "lifecycle");
  }

  /**
   * What happened to the message since it was sent, for its reader: {@code change} is its latest
   * change number; {@code deleted} a tombstone (deleted for everyone), {@code hidden} deleted for
   * this reader (neither has text); the quoted message it answers, if any; reactions with {@code
   * mine}; its pin.
   */
  public record Lifecycle(
      long change,
      Optional<Instant> editedAt,
      boolean deleted,
      boolean hidden,
      Optional<ReplyPreview> replyTo,
      boolean forwarded,
      List<ReactionView> reactions,
      Optional<Pin> pin) {
    public static final Lifecycle NONE =
        new Lifecycle(
            0,
            Optional.empty(),
            false,
            false,
            Optional.empty(),
            false,
            List.of(),
            Optional.empty());

    public Lifecycle {
      reactions = List.copyOf(reactions);
    }

    /** The lifecycle of a stored message for {@code viewer}, before quotes and mine are known. */
    static Lifecycle of(Message message, UserId viewer) {
      Revision r = message.revision();
      return new Lifecycle(
          r.change(),
          r.editedAt(),
          r.isDeleted(),
          viewer != null && message.isHiddenFor(viewer),
          Optional.empty(),
          message.forwarded(),
          r.reactions().stream().map(x -> new ReactionView(x.emoji(), x.count(), false)).toList(),
          r.pin());
    }
  }

  /** A message whose delivery is known only from whether it is seen. */
  public MessageView(
      MessageId id,
      ChatId chatId,
      UserId sender,
      String text,
      Instant timestamp,
      long seq,
      boolean seen,
      Optional<ClientMessageId> clientMessageId,
      Optional<SystemEvent> system,
      List<UserId> mentions,
      Lifecycle lifecycle) {
    this(
        id,
        chatId,
        sender,
        text,
        timestamp,
        seq,
        seen,
        clientMessageId,
        system,
        mentions,
        lifecycle,
        seen);
  }

  /** A message as seen before lifecycle: a system entry or a message never revised. */
  public MessageView(
      MessageId id,
      ChatId chatId,
      UserId sender,
      String text,
      Instant timestamp,
      long seq,
      boolean seen,
      Optional<ClientMessageId> clientMessageId,
      Optional<SystemEvent> system,
      List<UserId> mentions) {
    this(
        id,
        chatId,
        sender,
        text,
        timestamp,
        seq,
        seen,
        clientMessageId,
        system,
        mentions,
        Lifecycle.NONE);
  }

  /** The same view with the quoted message's preview and the viewer's own reactions. */
  public MessageView withQuoteAndMine(Optional<ReplyPreview> quote, Set<String> mine) {
    Lifecycle l = lifecycle;
    List<ReactionView> reactions =
        l.reactions().stream()
            .map(r -> new ReactionView(r.emoji(), r.count(), mine.contains(r.emoji())))
            .toList();
    return new MessageView(
        id,
        chatId,
        sender,
        text,
        timestamp,
        seq,
        seen,
        clientMessageId,
        system,
        mentions,
        new Lifecycle(
            l.change(),
            l.editedAt(),
            l.deleted(),
            l.hidden(),
            quote,
            l.forwarded(),
            reactions,
            l.pin()),
        delivered);
  }

  /** A text message as a reader sees it. */
  public MessageView(
      MessageId id,
      ChatId chatId,
      UserId sender,
      String text,
      Instant timestamp,
      long seq,
      boolean seen,
      Optional<ClientMessageId> clientMessageId) {
    this(
        id,
        chatId,
        sender,
        text,
        timestamp,
        seq,
        seen,
        clientMessageId,
        Optional.empty(),
        List.of());
  }

  /** A message as {@code viewer} sees it in {@code chat}: seen from their point of view. */
  public static MessageView of(Chat chat, Message message, UserId viewer) {
    return of(message, chat.isSeen(message, viewer), chat.isDelivered(message, viewer), viewer);
  }

  /** A message as everybody sees it (in an event to several readers): nothing hidden. */
  public static MessageView of(Message message, boolean seen) {
    return of(message, seen, null);
  }

  /**
   * A message as {@code viewer} sees it: a message deleted for them shows no text, like a
   * tombstone.
   */
  public static MessageView of(Message message, boolean seen, UserId viewer) {
    return of(message, seen, seen, viewer);
  }

  /** A message as {@code viewer} sees it, delivered and seen as given. */
  public static MessageView of(Message message, boolean seen, boolean delivered, UserId viewer) {
    Lifecycle lifecycle = Lifecycle.of(message, viewer);
    return new MessageView(
        message.id(),
        message.chatId(),
        message.sender(),
        lifecycle.hidden() ? "" : message.text().value(),
        message.createdAt(),
        message.seq(),
        seen,
        message.clientMessageId(),
        message.system(),
        lifecycle.hidden() ? List.of() : message.mentions(),
        lifecycle,
        delivered || seen);
  }
}
