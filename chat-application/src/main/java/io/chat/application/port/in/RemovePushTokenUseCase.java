package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Inbound port: remove one of my push tokens, or all of them when none is named. */
public interface RemovePushTokenUseCase {

  CompletionStage<Void> removePushToken(UserId me, Optional<String> token);
}
