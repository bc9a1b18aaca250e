package io.chat.application.port.in;

import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: register one of my devices for push notifications. */
public interface RegisterPushTokenUseCase {

  CompletionStage<Void> registerPushToken(UserId me, PushToken token);
}
