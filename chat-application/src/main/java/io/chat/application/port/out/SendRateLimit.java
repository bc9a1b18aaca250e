package io.chat.application.port.out;

import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Outbound port: how fast each user may send. */
public interface SendRateLimit {

  /** Takes one send from the user's allowance: empty when allowed, else how long to wait. */
  CompletionStage<Optional<Duration>> acquire(UserId user);
}
