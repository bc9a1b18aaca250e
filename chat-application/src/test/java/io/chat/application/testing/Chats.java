package io.chat.application.testing;

import io.chat.application.port.out.IdGenerator;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Object mother of chats as they are first started, with ids from a generator. */
public final class Chats {
  private final IdGenerator ids;

  public Chats(IdGenerator ids) {
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** A new user chat between {@code a} and {@code b}, started at {@code at}. */
  public Chat userChat(UserId a, UserId b, Instant at) {
    return Chat.start(ids.newChatId(), a, b, Users.DESK, Optional.empty(), at);
  }

  /** A new support chat of {@code user} with the desk, about nothing in particular. */
  public Chat supportChat(UserId user, Instant at) {
    return Chat.start(ids.newChatId(), user, Users.SYSTEM.id(), Users.DESK, Optional.empty(), at);
  }

  /** A new support chat of {@code user} with the desk, about {@code topic}. */
  public Chat supportChat(UserId user, RelatedEntity topic, Instant at) {
    return Chat.start(ids.newChatId(), user, Users.SYSTEM.id(), Users.DESK, Optional.of(topic), at);
  }
}
