package io.chat.application.port.out;

import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Outbound port: the devices' push addresses. A token belongs to one user at a time. */
public interface PushTokens {

  /** Registers the token for the user, taking it from any other user who had it. */
  CompletionStage<Void> register(UserId user, PushToken token);

  CompletionStage<Void> remove(UserId user, String token);

  CompletionStage<Void> removeAll(UserId user);

  /** Forgets a token whoever had it (the push service said the device is gone). */
  CompletionStage<Void> forget(String token);

  CompletionStage<List<PushToken>> tokensOf(UserId user);
}
