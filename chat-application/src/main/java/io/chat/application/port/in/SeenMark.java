package io.chat.application.port.in;

import io.chat.domain.chat.Chat;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;

/** Where a reader's read mark stands after marking. */
public record SeenMark(ChatId chatId, long seenUpTo) {

  /** Where {@code reader}'s read mark stands in {@code chat}. */
  public static SeenMark of(Chat chat, UserId reader) {
    return new SeenMark(chat.id(), chat.member(reader).readSeq());
  }
}
