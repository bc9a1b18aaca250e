package io.chat.application.port.out;

import io.chat.application.port.in.MessageView;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.group.GroupRole;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The realtime events, each with its wire name; the fields are the protocol's. */
public sealed interface ChatEvent {

  String name();

  /** A message for the recipient's devices. */
  record MessageNew(ChatId chatId, MessageView message) implements ChatEvent {
    public String name() {
      return "message:new";
    }
  }

  /** The sender's own message, for all of the sender's devices. */
  record MessageSent(ChatId chatId, MessageView message) implements ChatEvent {
    public String name() {
      return "message:sent";
    }
  }

  /**
   * A message changed after it was sent: {@code change} is {@code edited}, {@code deleted}, {@code
   * reaction}, {@code pinned} or {@code unpinned}, and the event is named {@code message:<change>}.
   * {@code message} is its state now (its {@code change} number included; reactions without {@code
   * mine}, which each client keeps from {@code reaction}); {@code by} did it (the desk's user for
   * staff). A deletion for one user only reaches that user's devices, the message {@code hidden}.
   */
  record MessageChanged(
      String change, ChatId chatId, MessageView message, UserId by, Optional<Reacted> reaction)
      implements ChatEvent {
    public String name() {
      return "message:" + change;
    }
  }

  /** Which reaction {@code by} added ({@code on}) or took back. */
  record Reacted(String emoji, boolean on) {}

  /**
   * A participant's view of a chat's list entry changed; {@code unreadCount} is their own (absent
   * for a group's new entries: a client counts them as they come, and the chat list has the exact
   * count).
   */
  record ChatUpdate(
      ChatId chatId, Optional<String> lastMessage, Instant timestamp, OptionalLong unreadCount)
      implements ChatEvent {
    public ChatUpdate(
        ChatId chatId, Optional<String> lastMessage, Instant timestamp, long unreadCount) {
      this(chatId, lastMessage, timestamp, OptionalLong.of(unreadCount));
    }

    public String name() {
      return "chat:update";
    }
  }

  /**
   * Members of a group changed: {@code change} is {@code added}, {@code removed}, {@code left} or
   * {@code role} (then {@code role} is the new role of {@code members}); the event is named {@code
   * chat:member:<change>}. The group's current members hear it, and a removed member once more.
   */
  record MembersChanged(
      ChatId chatId, String change, UserId actor, List<UserId> members, Optional<GroupRole> role)
      implements ChatEvent {
    public MembersChanged {
      members = List.copyOf(members);
    }

    public String name() {
      return "chat:member:" + change;
    }
  }

  /** A group's profile or settings changed, for its members. */
  record GroupUpdated(ChatId chatId, Group group) implements ChatEvent {
    public String name() {
      return "chat:updated";
    }
  }

  /** {@code from} has read everything up to {@code seq}. */
  record Seen(UserId from, ChatId chatId, MessageId messageId, long seq) implements ChatEvent {
    public String name() {
      return "seen";
    }
  }

  /** One of {@code from}'s devices received everything up to {@code seq}. */
  record Delivered(UserId from, ChatId chatId, long seq) implements ChatEvent {
    public String name() {
      return "delivered";
    }
  }

  /** The user archived the chat, or brought it back, for themselves. */
  record ChatArchived(ChatId chatId, boolean archived) implements ChatEvent {
    public String name() {
      return "chat:archived";
    }
  }

  record Typing(UserId from, ChatId chatId, boolean isTyping) implements ChatEvent {
    public String name() {
      return "typing";
    }
  }

  /** The user cleared the chat for themselves up to {@code clearedUpTo}. */
  record ChatCleared(ChatId chatId, long clearedUpTo) implements ChatEvent {
    public String name() {
      return "chat:cleared";
    }
  }

  record UserOnline(UserId userId) implements ChatEvent {
    public String name() {
      return "user:online";
    }
  }

  record UserOffline(UserId userId) implements ChatEvent {
    public String name() {
      return "user:offline";
    }
  }

  /** A message in a support chat (from the user or from staff), for staff. */
  record SupportMessageNew(ChatId chatId, UserId userId, MessageView message) implements ChatEvent {
    public String name() {
      return "admin_support:message:new";
    }
  }

  /** A support chat's list entry changed, for staff; {@code unreadCount} is the desk's. */
  record SupportChatUpdate(
      ChatId chatId,
      UserId userId,
      SupportStatus status,
      Optional<UserId> assignedAdminId,
      Optional<String> lastMessage,
      Instant timestamp,
      long unreadCount)
      implements ChatEvent {
    public String name() {
      return "admin_support:chat:update";
    }
  }
}
