package io.chat.application.port.out;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: time that passes, for what the core must do later (a call that rings out, a side
 * that does not come back). Tests move it by hand.
 */
public interface Timers {

  /** Completes once {@code delay} has passed (never on the caller's thread, never early). */
  CompletionStage<Void> after(Duration delay);
}
