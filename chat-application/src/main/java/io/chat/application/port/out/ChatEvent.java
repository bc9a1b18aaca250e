package io.chat.application.port.out;

import io.chat.application.port.in.MessageView;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

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

  /** A participant's view of a chat's list entry changed; {@code unreadCount} is their own. */
  record ChatUpdate(
      ChatId chatId, Optional<String> lastMessage, Instant timestamp, long unreadCount)
      implements ChatEvent {
    public String name() {
      return "chat:update";
    }
  }

  /** {@code from} has read everything up to {@code seq}. */
  record Seen(UserId from, ChatId chatId, MessageId messageId, long seq) implements ChatEvent {
    public String name() {
      return "seen";
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
