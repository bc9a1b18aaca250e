package io.chat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final ChatId CHAT_ID = ChatId.of("65f0a1b2c3d4e5f601234567");
  private static final MessageId MESSAGE_ID = MessageId.of("65f0a1b2c3d4e5f60123abcd");
  private static final UserId ALICE = UserId.of("alice");

  @Test
  void aNewMessageTakesTheChatAndPlaceItIsGiven() {
    NewMessage draft =
        new NewMessage(
            MESSAGE_ID, ALICE, MessageText.of("hi"), T0, Optional.of(ClientMessageId.of("c-1")));

    Message stored = draft.at(CHAT_ID, 7);

    assertThat(stored)
        .isEqualTo(
            new Message(
                MESSAGE_ID,
                CHAT_ID,
                7,
                ALICE,
                MessageText.of("hi"),
                T0,
                Optional.of(ClientMessageId.of("c-1"))));
  }

  @Test
  void seqStartsAtOne() {
    NewMessage draft =
        new NewMessage(MESSAGE_ID, ALICE, MessageText.of("hi"), T0, Optional.empty());

    assertThat(draft.at(CHAT_ID, 1).seq()).isEqualTo(1);
    assertThatIllegalArgumentException().isThrownBy(() -> draft.at(CHAT_ID, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> draft.at(CHAT_ID, -1));
  }

  @Test
  void aMessageIsFromItsSenderOnly() {
    Message message =
        new NewMessage(MESSAGE_ID, ALICE, MessageText.of("hi"), T0, Optional.empty())
            .at(CHAT_ID, 1);

    assertThat(message.isFrom(UserId.of("alice"))).isTrue();
    assertThat(message.isFrom(UserId.of("bob"))).isFalse();
  }

  @Test
  void aSystemEntryAndOnlyItHasNoText() {
    io.chat.domain.group.SystemEvent event =
        io.chat.domain.group.SystemEvent.added(
            io.chat.domain.user.UserId.of("alice"),
            java.util.List.of(io.chat.domain.user.UserId.of("bob")));
    NewMessage entry =
        NewMessage.system(
            io.chat.domain.shared.MessageId.of("0123456789abcdef01234567"),
            event,
            java.time.Instant.EPOCH);
    Message stored = entry.at(io.chat.domain.shared.ChatId.of("0123456789abcdef01234568"), 3);

    org.assertj.core.api.Assertions.assertThat(stored.isSystem()).isTrue();
    org.assertj.core.api.Assertions.assertThat(stored.sender())
        .isEqualTo(io.chat.domain.user.UserId.of("alice"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Message(
                    stored.id(),
                    stored.chatId(),
                    3,
                    stored.sender(),
                    MessageText.NONE,
                    stored.createdAt(),
                    java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
