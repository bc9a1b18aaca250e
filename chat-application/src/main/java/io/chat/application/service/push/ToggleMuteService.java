package io.chat.application.service.push;

import io.chat.application.port.in.MuteStatus;
import io.chat.application.port.in.ToggleMuteUseCase;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.service.conversation.Conversations;
import io.chat.domain.relation.Mute;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Toggles my mute of a chat, or mutes it until an instant. */
public final class ToggleMuteService implements ToggleMuteUseCase {
  private final Conversations conversations;
  private final MuteSettings mutes;
  private final Clock clock;

  @Inject
  public ToggleMuteService(Conversations conversations, MuteSettings mutes, Clock clock) {
    this.conversations = conversations;
    this.mutes = mutes;
    this.clock = clock;
  }

  @Override
  public CompletionStage<MuteStatus> toggleMute(UserId me, UserId other, Optional<Instant> until) {
    return conversations
        .requireChatBetween(me, other)
        .thenCompose(
            chat ->
                mutes
                    .find(me, chat.id())
                    .thenCompose(
                        current -> {
                          Instant now = clock.instant();
                          Optional<Mute> next = Mute.toggled(current, me, chat.id(), until, now);
                          CompletionStage<Void> saved =
                              next.isPresent()
                                  ? mutes.save(next.get())
                                  : mutes.remove(me, chat.id());
                          return saved.thenApply(ok -> MuteStatus.of(next, now));
                        }));
  }
}
