package io.chat.application.service.event;

import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.Message;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Who hears of what: the one place that turns a change into events for its audience. The system
 * user's side of a support chat is the staff room; every other participant is their own devices.
 * Shared by the services.
 */
@Singleton
public final class Broadcasts {
  private static final Set<String> NONE = Set.of();

  private final ChatEvents events;
  private final SupportDesk desk;
  private final int previewLength;

  @Inject
  public Broadcasts(ChatEvents events, ServiceSettings settings) {
    this.events = events;
    this.desk = settings.desk();
    this.previewLength = settings.previewLength();
  }

  /**
   * A message was stored: the sender's devices get {@code message:sent}, the recipient's {@code
   * message:new}, each followed by their own {@code chat:update} (delivered together); the desk's
   * side goes to staff.
   */
  public void messageStored(Chat chat, Message message) {
    messageStored(chat, message, Optional.empty());
  }

  /** As {@link #messageStored(Chat, Message)}, for a message that answers {@code quote}. */
  public void messageStored(Chat chat, Message message, Optional<ReplyPreview> quote) {
    for (UserId participant : chat.participants()) {
      MessageView view = MessageView.of(chat, message, participant).withQuoteAndMine(quote, NONE);
      ChatEvent entry = listEntry(chat, participant);
      if (desk.isHeardByStaff(participant)) {
        UserId user = chat.otherThan(participant);
        events.toStaff(new ChatEvent.SupportMessageNew(chat.id(), user, view), entry);
      } else if (message.isFrom(participant)) {
        events.toUser(participant, new ChatEvent.MessageSent(chat.id(), view), entry);
      } else {
        events.toUser(participant, new ChatEvent.MessageNew(chat.id(), view), entry);
      }
    }
  }

  /**
   * A message changed after it was sent ({@code change}: {@code edited}, {@code deleted}, {@code
   * reaction}, {@code pinned}, {@code unpinned}): in a chat of two each participant's devices
   * (staff for the desk's side), in a group every member of {@code audience}, each device once;
   * when it is the chat's last message, their list entries too.
   */
  public void messageChanged(
      Chat chat,
      String change,
      Message message,
      UserId by,
      Optional<ChatEvent.Reacted> reaction,
      Optional<ReplyPreview> quote,
      Collection<UserId> audience) {
    boolean last = chat.lastMessage().map(m -> m.seq() == message.seq()).orElse(false);
    if (chat.isGroup()) {
      MessageView view = MessageView.of(message, false).withQuoteAndMine(quote, NONE);
      ChatEvent event = new ChatEvent.MessageChanged(change, chat.id(), view, by, reaction);
      Optional<ChatEvent> update =
          last
              ? Optional.of(
                  new ChatEvent.ChatUpdate(
                      chat.id(),
                      Optional.of(message.text().preview(previewLength)),
                      chat.updatedAt(),
                      OptionalLong.empty()))
              : Optional.empty();
      events.toUsers(audience, event);
      update.ifPresent(u -> events.toUsers(audience, u));
      return;
    }
    for (UserId participant : chat.participants()) {
      MessageView view = MessageView.of(chat, message, participant).withQuoteAndMine(quote, NONE);
      ChatEvent event = new ChatEvent.MessageChanged(change, chat.id(), view, by, reaction);
      if (desk.isHeardByStaff(participant)) {
        events.toStaff(event);
      } else {
        events.toUser(participant, event);
      }
      if (last) {
        chatUpdated(chat, participant);
      }
    }
  }

  /** {@code user} deleted a message for themselves: their own devices (or staff) hear of it. */
  public void messageHidden(Chat chat, Message message, UserId user) {
    ChatEvent event =
        new ChatEvent.MessageChanged(
            "deleted", chat.id(), MessageView.of(message, false, user), user, Optional.empty());
    if (desk.isHeardByStaff(user)) {
      events.toStaff(event);
    } else {
      events.toUser(user, event);
    }
    if (!chat.isGroup() && chat.lastMessage().map(m -> m.seq() == message.seq()).orElse(false)) {
      chatUpdated(chat, user);
    }
  }

  /** A participant's list entry changed: they (or staff, for the desk) get their own view. */
  private void chatUpdated(Chat chat, UserId participant) {
    ChatEvent entry = listEntry(chat, participant);
    if (desk.isHeardByStaff(participant)) {
      events.toStaff(entry);
    } else {
      events.toUser(participant, entry);
    }
  }

  /** A participant's view of the chat's list entry: staff's desk entry for the desk's side. */
  private ChatEvent listEntry(Chat chat, UserId participant) {
    Optional<String> preview =
        chat.lastMessageFor(participant).map(m -> m.text().preview(previewLength));
    if (desk.isHeardByStaff(participant)) {
      return new ChatEvent.SupportChatUpdate(
          chat.id(),
          chat.otherThan(participant),
          chat.support().orElseThrow().status(),
          chat.support().orElseThrow().assignedAdminId(),
          preview,
          chat.updatedAt(),
          chat.unreadFor(participant));
    }
    return new ChatEvent.ChatUpdate(
        chat.id(), preview, chat.updatedAt(), chat.unreadFor(participant));
  }

  /** A support chat's fields changed: staff hear of it. */
  public void supportChanged(Chat chat) {
    chatUpdated(chat, desk.id());
  }

  /**
   * {@code reader}'s read mark moved to {@code upTo}: the other side hears {@code seen}, the
   * reader's devices get the new unread count.
   */
  public void readMarkMoved(Chat chat, UserId reader, Message upTo) {
    UserId other = chat.otherThan(reader);
    ChatEvent seen = new ChatEvent.Seen(reader, chat.id(), upTo.id(), upTo.seq());
    if (desk.isHeardByStaff(other)) {
      events.toStaff(seen);
    } else {
      events.toUser(other, seen);
    }
    chatUpdated(chat, reader);
  }

  /**
   * {@code reader}'s delivered mark moved to {@code seq}: in a chat of two the other side hears
   * {@code delivered} (staff for the desk); in a group every other member of {@code audience}.
   */
  public void deliveredMarkMoved(Chat chat, UserId reader, long seq, Collection<UserId> audience) {
    ChatEvent delivered = new ChatEvent.Delivered(reader, chat.id(), seq);
    if (!chat.isGroup()) {
      UserId other = chat.otherThan(reader);
      if (desk.isHeardByStaff(other)) {
        events.toStaff(delivered);
      } else {
        events.toUser(other, delivered);
      }
      return;
    }
    events.toUsers(allBut(reader, audience), delivered);
  }

  /** {@code user} archived the chat, or brought it back: their devices hear of it. */
  public void archived(Chat chat, UserId user, boolean archived) {
    events.toUser(user, new ChatEvent.ChatArchived(chat.id(), archived));
  }

  /** {@code user} cleared the chat for themselves: their devices hear of it. */
  public void cleared(Chat chat, UserId user) {
    events.toUser(user, new ChatEvent.ChatCleared(chat.id(), chat.member(user).clearedSeq()));
    chatUpdated(chat, user);
  }

  public void typing(UserId from, UserId to, Chat chat, boolean isTyping) {
    ChatEvent typing = new ChatEvent.Typing(from, chat.id(), isTyping);
    if (desk.isHeardByStaff(to)) {
      events.toStaff(typing);
    } else {
      events.toUser(to, typing);
    }
  }

  public void online(UserId user, Collection<UserId> audience) {
    events.toUsers(audience, new ChatEvent.UserOnline(user));
  }

  public void offline(UserId user, Collection<UserId> audience) {
    events.toUsers(audience, new ChatEvent.UserOffline(user));
  }

  /**
   * An entry of a group's timeline was stored: the sender's devices get {@code message:sent} for
   * their message, every other member {@code message:new} (a system entry is new to everybody), and
   * each with it a {@code chat:update} without an unread count (they count new entries themselves).
   * The same events go to every member, so that an adapter serializes each once.
   */
  public void groupEntryStored(Chat chat, Message entry, Collection<UserId> audience) {
    groupEntryStored(chat, entry, Optional.empty(), audience);
  }

  /** As {@link #groupEntryStored(Chat, Message, Collection)}, for an answer to {@code quote}. */
  public void groupEntryStored(
      Chat chat, Message entry, Optional<ReplyPreview> quote, Collection<UserId> audience) {
    MessageView view = MessageView.of(entry, false).withQuoteAndMine(quote, NONE);
    Optional<String> preview =
        entry.isSystem() ? Optional.empty() : Optional.of(entry.text().preview(previewLength));
    ChatEvent update =
        new ChatEvent.ChatUpdate(chat.id(), preview, chat.updatedAt(), OptionalLong.empty());
    ChatEvent sent = new ChatEvent.MessageSent(chat.id(), view);
    ChatEvent fresh = new ChatEvent.MessageNew(chat.id(), view);
    if (entry.isSystem() || !audience.contains(entry.sender())) {
      events.toUsers(audience, fresh, update);
      return;
    }
    events.toUser(entry.sender(), sent, update);
    events.toUsers(allBut(entry.sender(), audience), fresh, update);
  }

  /** A group change for everyone in {@code audience}. */
  public void toMembers(ChatEvent event, Collection<UserId> audience) {
    events.toUsers(audience, event);
  }

  /**
   * {@code reader}'s read mark in a group moved to {@code upTo}: the other members hear {@code
   * seen}, the reader's devices their unread count.
   */
  public void groupReadMarkMoved(
      Chat chat, UserId reader, Message upTo, long unread, Collection<UserId> audience) {
    ChatEvent seen = new ChatEvent.Seen(reader, chat.id(), upTo.id(), upTo.seq());
    events.toUsers(allBut(reader, audience), seen);
    events.toUser(
        reader,
        new ChatEvent.ChatUpdate(
            chat.id(),
            chat.lastMessage().filter(m -> !m.isSystem()).map(m -> m.text().preview(previewLength)),
            chat.updatedAt(),
            unread));
  }

  /** {@code user} cleared a group for themselves up to {@code seq}: their devices hear of it. */
  public void groupCleared(Chat chat, UserId user, long seq) {
    events.toUser(user, new ChatEvent.ChatCleared(chat.id(), seq));
    events.toUser(user, new ChatEvent.ChatUpdate(chat.id(), Optional.empty(), chat.updatedAt(), 0));
  }

  /** {@code audience} without {@code user}. */
  private static List<UserId> allBut(UserId user, Collection<UserId> audience) {
    return audience.stream().filter(member -> !member.equals(user)).toList();
  }
}
