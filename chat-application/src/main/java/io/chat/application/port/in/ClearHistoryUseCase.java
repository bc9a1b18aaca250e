package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: clear the history for me only, up to now. */
public interface ClearHistoryUseCase {

  CompletionStage<Cleared> clearHistory(UserId me, UserId other);
}
