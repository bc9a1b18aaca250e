package io.chat.adapter.inmemory;

import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.StoreUnavailableException;
import java.util.concurrent.CompletionStage;

/**
 * The in-memory store's health, and its outage switch: while it is down, {@link #ping} and every
 * in-memory store built with it fail with {@link StoreUnavailableException}.
 */
public final class InMemoryStoreHealth implements StoreHealth {
  private volatile boolean up = true;

  /** Simulates an outage from now on. */
  public void goDown() {
    up = false;
  }

  /** Ends a simulated outage. */
  public void comeBack() {
    up = true;
  }

  public boolean isUp() {
    return up;
  }

  @Override
  public CompletionStage<Void> ping() {
    return Stages.answer(this, () -> null);
  }

  StoreUnavailableException outage() {
    return new StoreUnavailableException(new IllegalStateException("simulated outage"));
  }
}
