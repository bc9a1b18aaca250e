package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupportStatusTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final ChatId CHAT_ID = ChatId.of("65f0a1b2c3d4e5f601234567");
  private static final UserId ALICE = UserId.of("alice");
  private static final SupportDesk DESK = SupportDesk.defaults();

  private static Chat supportChat() {
    return Chat.start(CHAT_ID, ALICE, DESK.id(), DESK, Optional.empty(), T0);
  }

  private static Chat send(Chat chat, UserId sender) {
    long seq = chat.lastSeq() + 1;
    Message message =
        new Message(
            MessageId.of(String.format("%024x", seq)),
            chat.id(),
            seq,
            sender,
            MessageText.of("message " + seq),
            T0.plusSeconds(seq),
            Optional.empty());
    return chat.withMessage(message, chat.supportStatusAfterMessageFrom(sender, DESK));
  }

  private static SupportStatus statusOf(Chat chat) {
    return chat.support().orElseThrow().status();
  }

  @Test
  void wireNamesAreTheDocumentedOnes() {
    assertThat(SupportStatus.OPEN.wire()).isEqualTo("open");
    assertThat(SupportStatus.WAITING_USER.wire()).isEqualTo("waiting_user");
    assertThat(SupportStatus.RESOLVED.wire()).isEqualTo("resolved");
  }

  @Test
  void wireNamesRoundTrip() {
    for (SupportStatus status : SupportStatus.values()) {
      assertThat(SupportStatus.fromWire(status.wire())).isEqualTo(status);
    }
  }

  @Test
  void anUnknownWireNameIsRefused() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> SupportStatus.fromWire("OPEN"));
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> SupportStatus.fromWire("closed"));
  }

  @Test
  void aUserMessageOpensAndAStaffMessageWaitsForTheUser() {
    assertThat(SupportStatus.afterUserMessage()).isEqualTo(SupportStatus.OPEN);
    assertThat(SupportStatus.afterStaffMessage()).isEqualTo(SupportStatus.WAITING_USER);
  }

  @Test
  void staffAnsweringLeavesTheChatWaitingForTheUser() {
    Chat chat = send(send(supportChat(), ALICE), DESK.id());

    assertThat(statusOf(chat)).isEqualTo(SupportStatus.WAITING_USER);
  }

  @Test
  void theUserAnsweringOpensTheChatAgain() {
    Chat chat = send(send(send(supportChat(), ALICE), DESK.id()), ALICE);

    assertThat(statusOf(chat)).isEqualTo(SupportStatus.OPEN);
  }

  @Test
  void aNewQuestionReopensAResolvedChat() {
    Chat answered = send(send(supportChat(), ALICE), DESK.id());
    Chat resolved =
        answered.withSupport(answered.support().orElseThrow().withStatus(SupportStatus.RESOLVED));

    Chat reopened = send(resolved, ALICE);

    assertThat(statusOf(resolved)).isEqualTo(SupportStatus.RESOLVED);
    assertThat(statusOf(reopened)).isEqualTo(SupportStatus.OPEN);
  }

  @Test
  void staffWritingToAResolvedChatWaitsForTheUser() {
    Chat resolved =
        supportChat()
            .withSupport(SupportState.opened(Optional.empty()).withStatus(SupportStatus.RESOLVED));

    assertThat(statusOf(send(resolved, DESK.id()))).isEqualTo(SupportStatus.WAITING_USER);
  }
}
