package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: one of my devices disconnected; partners hear when it was my last. */
public interface GoOfflineUseCase {

  CompletionStage<Void> goOffline(UserId me);
}
