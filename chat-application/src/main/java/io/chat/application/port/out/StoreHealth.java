package io.chat.application.port.out;

import java.util.concurrent.CompletionStage;

/** Outbound port: whether the store answers. */
public interface StoreHealth {

  /** Completes when the store answered; fails with {@link StoreUnavailableException} otherwise. */
  CompletionStage<Void> ping();
}
