package io.chat.application.port.out;

import io.chat.domain.shared.ChatId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * A push for one user's devices: who, where, what to show, and the chat it opens; an {@code urgent}
 * one (an incoming call) asks the push service to deliver it at once, waking the device.
 */
public record PushNotification(
    UserId recipient,
    List<PushToken> tokens,
    String title,
    String body,
    ChatId chatId,
    UserId sender,
    boolean urgent) {

  public PushNotification {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(sender, "sender");
    tokens = List.copyOf(tokens);
  }

  /** A push of normal priority. */
  public PushNotification(
      UserId recipient,
      List<PushToken> tokens,
      String title,
      String body,
      ChatId chatId,
      UserId sender) {
    this(recipient, tokens, title, body, chatId, sender, false);
  }
}
