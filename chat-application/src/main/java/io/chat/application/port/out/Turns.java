package io.chat.application.port.out;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Outbound port: runs work one at a time per key (a chat), so that what the work stores and tells
 * keeps one order: a send's "retry check, next seq, insert, events" finishes before the next send
 * into the same chat starts, and a reader of {@code after=seq} never passes a seq still being
 * stored. One node takes turns in process ({@code KeyedSequencer}); several nodes also hold the key
 * in a shared store for the work's span. A turn that cannot be had (the shared store is away) fails
 * the work's stage with {@link StoreUnavailableException} without running it.
 */
public interface Turns {

  /**
   * Runs {@code task} once the work before it on {@code key} is done; its stage completes as the
   * task's does, and the next turn on {@code key} starts after that.
   */
  <T> CompletionStage<T> run(String key, Supplier<? extends CompletionStage<T>> task);
}
