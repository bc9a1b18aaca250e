package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: tell the other side that I am typing (or stopped), throttled per pair. */
public interface RelayTypingUseCase {

  CompletionStage<TypingOutcome> relayTyping(UserId from, UserId to, boolean isTyping);
}
