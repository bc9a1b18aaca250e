package io.chat.application.service.health;

import io.chat.application.port.in.ReadinessQuery;
import io.chat.application.port.out.StoreHealth;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Ready when the store answers. */
public final class ReadinessService implements ReadinessQuery {
  private final StoreHealth store;

  @Inject
  public ReadinessService(StoreHealth store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Void> ready() {
    return store.ping();
  }
}
