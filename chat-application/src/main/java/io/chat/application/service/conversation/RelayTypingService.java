package io.chat.application.service.conversation;

import io.chat.application.port.in.RelayTypingUseCase;
import io.chat.application.port.in.TypingOutcome;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relays typing to the other side of an existing, unblocked chat, at most once per interval per
 * pair; a stop after a relayed start always goes through, so that no indicator is left on.
 */
@Singleton
public final class RelayTypingService implements RelayTypingUseCase {
  private static final int TRACKED_PAIRS = 50_000;
  private static final Duration FORGET_AFTER = Duration.ofMinutes(1);

  private final Conversations conversations;
  private final Broadcasts broadcasts;
  private final Duration interval;
  private final Clock clock;
  private final ConcurrentHashMap<String, LastRelay> relays = new ConcurrentHashMap<>();

  @Inject
  public RelayTypingService(
      Conversations conversations, Broadcasts broadcasts, ServiceSettings settings, Clock clock) {
    this.conversations = conversations;
    this.broadcasts = broadcasts;
    this.interval = settings.typingInterval();
    this.clock = clock;
  }

  @Override
  public CompletionStage<TypingOutcome> relayTyping(UserId from, UserId to, boolean isTyping) {
    return conversations
        .requireChatBetween(from, to)
        .thenApply(
            chat -> {
              if (!admit(from.value() + '>' + to.value(), isTyping, clock.instant())) {
                return TypingOutcome.THROTTLED;
              }
              broadcasts.typing(from, to, chat, isTyping);
              return TypingOutcome.RELAYED;
            });
  }

  private boolean admit(String pair, boolean isTyping, Instant now) {
    if (relays.size() > TRACKED_PAIRS) {
      Instant horizon = now.minus(FORGET_AFTER);
      relays.values().removeIf(last -> last.at.isBefore(horizon));
    }
    boolean[] admitted = {false};
    relays.compute(
        pair,
        (key, last) -> {
          boolean due =
              last == null || !now.isBefore(last.at.plus(interval)) || (last.typing && !isTyping);
          admitted[0] = due;
          return due ? new LastRelay(now, isTyping) : last;
        });
    return admitted[0];
  }

  private record LastRelay(Instant at, boolean typing) {}
}
