package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Inbound port: toggle the mute of my chat with another user, or mute it until an instant. */
public interface ToggleMuteUseCase {

  CompletionStage<MuteStatus> toggleMute(UserId me, UserId other, Optional<Instant> until);
}
