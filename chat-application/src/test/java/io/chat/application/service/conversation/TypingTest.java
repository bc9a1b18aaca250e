package io.chat.application.service.conversation;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.TypingOutcome;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatServices;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Typing relayed to the other side of a chat. */
class TypingTest {
  private final InMemoryCore core = new InMemoryCore().withUsers(ALICE, BOB, CAROL);
  private final ChatServices chat = core.services;

  private static ErrorCode refusal(CompletionStage<?> stage) {
    return ((ChatException) Await.failure(stage)).code();
  }

  private TypingOutcome typing(UserId from, UserId to, boolean isTyping) {
    return Await.done(chat.relayTyping().relayTyping(from, to, isTyping));
  }

  @Test
  void typingIsRelayedToTheOtherSideOfAnExistingChat() {
    var chatId = core.send(ALICE, BOB, "hi").chatId();

    assertThat(typing(ALICE, BOB, true)).isEqualTo(TypingOutcome.RELAYED);

    assertThat(core.events.receivedBy(BOB, ChatEvent.Typing.class))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.from()).isEqualTo(ALICE);
              assertThat(t.chatId()).isEqualTo(chatId);
              assertThat(t.isTyping()).isTrue();
            });
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Typing.class)).isEmpty();
  }

  @Test
  void typingIsThrottledPerPairButAStopAfterAStartAlwaysGoesThrough() {
    core.send(ALICE, BOB, "hi");

    assertThat(typing(ALICE, BOB, true)).isEqualTo(TypingOutcome.RELAYED);
    assertThat(typing(ALICE, BOB, true)).isEqualTo(TypingOutcome.THROTTLED);
    assertThat(typing(BOB, ALICE, true))
        .as("the other direction has its own allowance")
        .isEqualTo(TypingOutcome.RELAYED);
    assertThat(typing(ALICE, BOB, false)).isEqualTo(TypingOutcome.RELAYED);
    assertThat(typing(ALICE, BOB, false)).isEqualTo(TypingOutcome.THROTTLED);
    core.clock.advance(Duration.ofMillis(250));
    assertThat(typing(ALICE, BOB, true)).isEqualTo(TypingOutcome.RELAYED);

    assertThat(core.events.receivedBy(BOB, ChatEvent.Typing.class))
        .extracting(ChatEvent.Typing::isTyping)
        .containsExactly(true, false, true);
  }

  @Test
  void typingWithoutAChatOrAcrossABlockIsRefused() {
    assertThat(refusal(chat.relayTyping().relayTyping(ALICE, CAROL, true)))
        .isEqualTo(ErrorCode.NOT_FOUND);
    core.send(ALICE, BOB, "hi");
    Await.done(chat.blockUser().block(ALICE, BOB));
    assertThat(refusal(chat.relayTyping().relayTyping(BOB, ALICE, true)))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Typing.class)).isEmpty();
  }

  @Test
  void typingToTheDeskReachesStaff() {
    core.send(ALICE, core.system(), "help");

    typing(ALICE, core.system(), true);

    assertThat(core.events.receivedByStaff(ChatEvent.Typing.class))
        .singleElement()
        .satisfies(t -> assertThat(t.from()).isEqualTo(ALICE));
  }
}
