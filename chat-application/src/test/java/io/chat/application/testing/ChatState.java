package io.chat.application.testing;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportState;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import java.time.Instant;
import java.util.Optional;

/**
 * What a chat shows through its accessors, for comparing chats in tests: a member who never acted
 * reads as {@link MemberState#NEW} whether a store keeps no marks for them or zeros.
 */
public record ChatState(
    ChatId id,
    ChatType type,
    PairKey pair,
    long lastSeq,
    Optional<Message> lastMessage,
    MemberState first,
    MemberState second,
    Optional<SupportState> support,
    Instant createdAt,
    Instant updatedAt) {

  public static ChatState of(Chat chat) {
    return new ChatState(
        chat.id(),
        chat.type(),
        chat.pair(),
        chat.lastSeq(),
        chat.lastMessage(),
        chat.member(chat.pair().first()),
        chat.member(chat.pair().second()),
        chat.support(),
        chat.createdAt(),
        chat.updatedAt());
  }
}
