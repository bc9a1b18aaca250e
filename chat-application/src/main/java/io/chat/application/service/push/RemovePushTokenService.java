package io.chat.application.service.push;

import io.chat.application.port.in.RemovePushTokenUseCase;
import io.chat.application.port.out.PushTokens;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Removes one of my push tokens, or all of them (signing out everywhere). */
public final class RemovePushTokenService implements RemovePushTokenUseCase {
  private final PushTokens tokens;

  @Inject
  public RemovePushTokenService(PushTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public CompletionStage<Void> removePushToken(UserId me, Optional<String> token) {
    return token.isPresent() ? tokens.remove(me, token.get()) : tokens.removeAll(me);
  }
}
