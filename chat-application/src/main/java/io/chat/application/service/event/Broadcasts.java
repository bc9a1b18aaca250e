package io.chat.application.service.event;

import io.chat.application.port.in.MessageView;
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
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who hears of what: the one place that turns a change into events for its audience. The system
 * user's side of a support chat is the staff room; every other participant is their own devices.
 * Shared by the services.
 */
@Singleton
public final class Broadcasts {
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
   * message:new}, each their own {@code chat:update}; the desk's side goes to staff.
   */
  public void messageStored(Chat chat, Message message) {
    for (UserId participant : chat.participants()) {
      if (desk.isHeardByStaff(participant)) {
        UserId user = chat.otherThan(participant);
        events.toStaff(
            new ChatEvent.SupportMessageNew(
                chat.id(), user, MessageView.of(chat, message, participant)));
      } else if (message.isFrom(participant)) {
        events.toUser(
            participant,
            new ChatEvent.MessageSent(chat.id(), MessageView.of(chat, message, participant)));
      } else {
        events.toUser(
            participant,
            new ChatEvent.MessageNew(chat.id(), MessageView.of(chat, message, participant)));
      }
      chatUpdated(chat, participant);
    }
  }

  /** A participant's list entry changed: they (or staff, for the desk) get their own view. */
  private void chatUpdated(Chat chat, UserId participant) {
    Optional<String> preview =
        chat.lastMessageFor(participant).map(m -> m.text().preview(previewLength));
    if (desk.isHeardByStaff(participant)) {
      events.toStaff(
          new ChatEvent.SupportChatUpdate(
              chat.id(),
              chat.otherThan(participant),
              chat.support().orElseThrow().status(),
              chat.support().orElseThrow().assignedAdminId(),
              preview,
              chat.updatedAt(),
              chat.unreadFor(participant)));
    } else {
      events.toUser(
          participant,
          new ChatEvent.ChatUpdate(
              chat.id(), preview, chat.updatedAt(), chat.unreadFor(participant)));
    }
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

  public void online(UserId user, Iterable<UserId> audience) {
    audience.forEach(partner -> events.toUser(partner, new ChatEvent.UserOnline(user)));
  }

  public void offline(UserId user, Iterable<UserId> audience) {
    audience.forEach(partner -> events.toUser(partner, new ChatEvent.UserOffline(user)));
  }

  /**
   * An entry of a group's timeline was stored: the sender's devices get {@code message:sent} for
   * their message, every other member {@code message:new} (a system entry is new to everybody), and
   * each a {@code chat:update} without an unread count (they count new entries themselves).
   */
  public void groupEntryStored(Chat chat, Message entry, Collection<UserId> audience) {
    MessageView view = MessageView.of(entry, false);
    Optional<String> preview =
        entry.isSystem() ? Optional.empty() : Optional.of(entry.text().preview(previewLength));
    ChatEvent update =
        new ChatEvent.ChatUpdate(chat.id(), preview, chat.updatedAt(), OptionalLong.empty());
    ChatEvent sent = new ChatEvent.MessageSent(chat.id(), view);
    ChatEvent fresh = new ChatEvent.MessageNew(chat.id(), view);
    for (UserId member : audience) {
      events.toUser(member, !entry.isSystem() && entry.isFrom(member) ? sent : fresh);
      events.toUser(member, update);
    }
  }

  /** A group change for everyone in {@code audience}. */
  public void toMembers(ChatEvent event, Collection<UserId> audience) {
    audience.forEach(member -> events.toUser(member, event));
  }

  /**
   * {@code reader}'s read mark in a group moved to {@code upTo}: the other members hear {@code
   * seen}, the reader's devices their unread count.
   */
  public void groupReadMarkMoved(
      Chat chat, UserId reader, Message upTo, long unread, Collection<UserId> audience) {
    ChatEvent seen = new ChatEvent.Seen(reader, chat.id(), upTo.id(), upTo.seq());
    for (UserId member : audience) {
      if (!member.equals(reader)) {
        events.toUser(member, seen);
      }
    }
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
}
