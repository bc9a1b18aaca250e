package io.chat.application.port.out;

import io.chat.domain.chat.Chat;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a list of chats ordered by latest activity ({@code updatedAt}, then id, both
 * descending). Travels to clients as an opaque text.
 */
public record ChatCursor(Instant updatedAt, ChatId id) {
  /** The list order: latest activity first, ties broken by id, descending. */
  public static final Comparator<Chat> ORDER =
      Comparator.comparing(Chat::updatedAt).thenComparing(c -> c.id().value()).reversed();

  /** The same order over positions: latest first, ties broken by id, descending. */
  public static final Comparator<ChatCursor> POSITION_ORDER =
      Comparator.comparing(ChatCursor::updatedAt).thenComparing(c -> c.id().value()).reversed();

  public ChatCursor {
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(id, "id");
  }

  public static ChatCursor of(Chat chat) {
    return new ChatCursor(chat.updatedAt(), chat.id());
  }

  /** Whether {@code chat} comes strictly after this position in the list order. */
  public boolean precedes(Chat chat) {
    return precedes(of(chat));
  }

  /** Whether {@code position} comes strictly after this position in the list order. */
  public boolean precedes(ChatCursor position) {
    int byTime = position.updatedAt().compareTo(updatedAt);
    return byTime < 0 || (byTime == 0 && position.id().value().compareTo(id.value()) < 0);
  }

  public String encode() {
    String plain = updatedAt.toEpochMilli() + ":" + id.value();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  public static ChatCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      return new ChatCursor(
          Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
          ChatId.of(plain.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new InvalidArgumentException("cursor is not one this server gave out");
    }
  }
}
