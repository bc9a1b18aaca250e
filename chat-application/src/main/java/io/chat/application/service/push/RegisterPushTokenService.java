package io.chat.application.service.push;

import io.chat.application.port.in.RegisterPushTokenUseCase;
import io.chat.application.port.out.PushTokens;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Registers one of my devices for push (a token moves to me from whoever had it). */
public final class RegisterPushTokenService implements RegisterPushTokenUseCase {
  private final PushTokens tokens;

  @Inject
  public RegisterPushTokenService(PushTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public CompletionStage<Void> registerPushToken(UserId me, PushToken token) {
    return tokens.register(me, token);
  }
}
