package io.chat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inprocess.StoreCircuit;
import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.port.out.UserDirectory;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A store that stops answering without going away (a paused process: connections open, nothing
 * comes back), through the real driver: every failure is {@link StoreUnavailableException}, and
 * behind a {@link StoreCircuit} new operations fail without being tried until the store is back.
 */
class HangingStoreTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final UserId ALICE = UserId.of("alice");

  @Test
  void everyOperationOnAHangingStoreFailsAsUnavailableNeverAsSomethingElse() throws Exception {
    try (EmbeddedMongo server = EmbeddedMongo.inMemory();
        StallingProxy proxy = new StallingProxy(server.port());
        MongoStore store = MongoStore.connect(proxy.connectionString(), "chat", TIMEOUT)) {
      store.health().ping().toCompletableFuture().get(10, TimeUnit.SECONDS);
      proxy.stall();

      // Pings and reads over a few timeouts, so that some wait on a pool the driver clears.
      List<CompletableFuture<Throwable>> failures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        failures.add(failure(store.health().ping()));
        failures.add(failure(store.users().find(ALICE)));
        failures.add(
            failure(store.users().find(ALICE))
                .thenCombine(failure(store.health().ping()), (a, b) -> a));
        Thread.sleep(150); // spreading the calls in time is the point here, not waiting for one
      }
      for (CompletableFuture<Throwable> f : failures) {
        // Bounded by the driver's own timeout: none of these may hang for good.
        assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(StoreUnavailableException.class);
      }
    }
  }

  @Test
  void behindACircuitOperationsFailWithoutBeingTriedUntilTheStoreIsBack() throws Exception {
    StoreCircuit circuit =
        new StoreCircuit(TIMEOUT.plusMillis(500), Duration.ofMillis(200), Clock.systemUTC());
    try (EmbeddedMongo server = EmbeddedMongo.inMemory();
        StallingProxy proxy = new StallingProxy(server.port());
        MongoStore store = MongoStore.connect(proxy.connectionString(), "chat", TIMEOUT)) {
      StoreHealth health = circuit.guard(StoreHealth.class, store.health());
      UserDirectory users = circuit.guard(UserDirectory.class, store.users());
      users
          .save(new UserProfile(ALICE, "Alice", Optional.empty(), true))
          .toCompletableFuture()
          .get();
      proxy.stall();

      Throwable first = failure(health.ping()).get(30, TimeUnit.SECONDS);
      assertThat(first).isInstanceOf(StoreUnavailableException.class);
      assertThat(first.getCause().getMessage()).isNotEqualTo(StoreCircuit.NOT_TRIED);
      assertThat(circuit.isOpen()).isTrue();

      Throwable next = failure(users.find(ALICE)).get(30, TimeUnit.SECONDS);
      assertThat(next).isInstanceOf(StoreUnavailableException.class);
      assertThat(next.getCause()).hasMessage(StoreCircuit.NOT_TRIED);

      proxy.resume();
      // Probes go through every 200 ms; once one is answered, everything is.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      Optional<UserProfile> found = Optional.empty();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        found = users.find(ALICE).toCompletableFuture().exceptionally(e -> Optional.empty()).get();
        if (found.isEmpty()) {
          Thread.sleep(50); // polling for the recovery: the probe interval is what is under test
        }
      }
      assertThat(found).map(UserProfile::fullName).contains("Alice");
      assertThat(circuit.isOpen()).isFalse();
    }
  }

  private static CompletableFuture<Throwable> failure(CompletionStage<?> stage) {
    return stage
        .toCompletableFuture()
        .handle(
            (value, error) -> {
              if (error == null) {
                throw new AssertionError("answered while the store hangs: " + value);
              }
              return error instanceof java.util.concurrent.CompletionException
                      && error.getCause() != null
                  ? error.getCause()
                  : error;
            });
  }
}
