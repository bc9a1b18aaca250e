package io.chat.application.service.push;

import io.chat.application.port.in.MuteStatus;
import io.chat.application.port.in.MuteStatusQuery;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.service.conversation.Conversations;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/** Tells whether my chat with another user is muted now, and until when. */
public final class MuteStatusService implements MuteStatusQuery {
  private final Conversations conversations;
  private final MuteSettings mutes;
  private final Clock clock;

  @Inject
  public MuteStatusService(Conversations conversations, MuteSettings mutes, Clock clock) {
    this.conversations = conversations;
    this.mutes = mutes;
    this.clock = clock;
  }

  @Override
  public CompletionStage<MuteStatus> muteStatus(UserId me, UserId other) {
    return conversations
        .requireChatBetween(me, other)
        .thenCompose(chat -> mutes.find(me, chat.id()))
        .thenApply(mute -> MuteStatus.of(mute, clock.instant()));
  }
}
