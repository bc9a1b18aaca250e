package io.chat.adapter.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.adapter.inmemory.InMemoryStoreHealth;
import io.chat.adapter.inmemory.InMemoryUserDirectory;
import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.port.out.UserDirectory;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreCircuitTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Boolean> changes = new CopyOnWriteArrayList<>();
  private final StoreCircuit circuit =
      new StoreCircuit(Duration.ofMillis(300), Duration.ofSeconds(1), clock, changes::add);
  private final AtomicInteger calls = new AtomicInteger();

  private CompletionStage<String> answering() {
    calls.incrementAndGet();
    return CompletableFuture.completedFuture("ok");
  }

  private CompletionStage<String> unavailable() {
    calls.incrementAndGet();
    return CompletableFuture.failedFuture(
        new StoreUnavailableException(new IllegalStateException("down")));
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void anUnavailableStoreOpensTheCircuitAndTheNextCallsFailAtOnceWithoutReachingIt() {
    assertThat(failureOf(circuit.call(this::unavailable)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(circuit.isOpen()).isTrue();

    for (int i = 0; i < 5; i++) {
      assertThat(failureOf(circuit.call(this::answering)))
          .isInstanceOf(StoreUnavailableException.class)
          .hasRootCauseMessage(StoreCircuit.NOT_TRIED);
    }
    assertThat(calls).as("only the first call reached the store").hasValue(1);
    assertThat(changes).containsExactly(true);
  }

  @Test
  void afterTheOpenTimeOneProbeGoesThroughAndItsSuccessClosesTheCircuit() throws Exception {
    failureOf(circuit.call(this::unavailable));
    clock.advance(Duration.ofMillis(1_001));

    CompletableFuture<String> held = new CompletableFuture<>();
    CompletionStage<String> probe = circuit.call(() -> held);
    // While the probe is out, everybody else still fails at once.
    assertThat(failureOf(circuit.call(this::answering)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(calls).hasValue(1);

    held.complete("back");
    assertThat(probe.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("back");
    assertThat(circuit.isOpen()).isFalse();
    assertThat(changes)
        .as("told once when it opened, once when it closed")
        .containsExactly(true, false);
    assertThat(circuit.call(this::answering).toCompletableFuture().get()).isEqualTo("ok");
  }

  @Test
  void aProbeThatFailsKeepsTheCircuitOpenForAnotherWhile() {
    failureOf(circuit.call(this::unavailable));
    clock.advance(Duration.ofMillis(1_001));

    failureOf(circuit.call(this::unavailable));
    assertThat(circuit.isOpen()).isTrue();
    clock.advance(Duration.ofMillis(500));
    failureOf(circuit.call(this::answering));
    assertThat(calls).as("the probe, then nothing within the new open time").hasValue(2);
  }

  @Test
  void anOperationThatNeverAnswersFailsAtTheDeadlineAsUnavailableAndOpensTheCircuit() {
    CompletionStage<String> hanging = circuit.call(CompletableFuture::new);

    assertThat(failureOf(hanging)).isInstanceOf(StoreUnavailableException.class);
    assertThat(circuit.isOpen()).isTrue();
  }

  @Test
  void everyOperationThatNeverAnswersFailsAtItsDeadlineAlsoAfterAQuietSpell() {
    // The deadlines are kept by a sweep that runs only while operations are under way: it must
    // arm again for the next ones, and a fast answer in between must not disarm the others.
    for (int round = 0; round < 3; round++) {
      CompletionStage<String> hanging = circuit.call(CompletableFuture::new);
      CompletableFuture<String> slow = new CompletableFuture<>();
      CompletionStage<String> answered = circuit.call(() -> slow);
      slow.complete("fine");

      assertThat(answered.toCompletableFuture().join()).isEqualTo("fine");
      assertThat(failureOf(hanging)).isInstanceOf(StoreUnavailableException.class);
      clock.advance(Duration.ofSeconds(2));
      circuit.call(() -> CompletableFuture.completedFuture("probe")).toCompletableFuture().join();
      assertThat(circuit.isOpen()).isFalse();
    }
  }

  @Test
  void aRefusalOfTheInputIsAnAnswerAndLeavesTheCircuitClosed() {
    Throwable refused =
        failureOf(
            circuit.call(
                () -> CompletableFuture.failedFuture(new InvalidArgumentException("bad input"))));

    assertThat(refused).isInstanceOf(InvalidArgumentException.class);
    assertThat(circuit.isOpen()).isFalse();
  }

  @Test
  void aGuardedPortAnswersAsThePortAndFailsFastOnceItsStoreIsDown() throws Exception {
    InMemoryStoreHealth health = new InMemoryStoreHealth();
    UserDirectory users = circuit.guard(UserDirectory.class, new InMemoryUserDirectory(health));
    StoreHealth ping = circuit.guard(StoreHealth.class, health);
    UserId alice = UserId.of("alice");

    users.save(new UserProfile(alice, "Alice", Optional.empty(), true)).toCompletableFuture().get();
    assertThat(users.find(alice).toCompletableFuture().get()).isPresent();
    assertThat(users.toString()).isNotBlank();

    health.goDown();
    assertThat(failureOf(ping.ping())).isInstanceOf(StoreUnavailableException.class);
    health.comeBack();
    assertThat(failureOf(users.find(alice)))
        .as("open: fails at once although the store is back")
        .isInstanceOf(StoreUnavailableException.class);
    clock.advance(Duration.ofSeconds(2));
    assertThat(users.find(alice).toCompletableFuture().get()).isPresent();
  }

  @Test
  void aPortMethodThatThrowsInsteadOfAnsweringFailsItsStage() {
    StoreHealth throwing =
        () -> {
          throw new StoreUnavailableException(new IllegalStateException("closed client"));
        };

    assertThatThrownBy(
            () -> circuit.guard(StoreHealth.class, throwing).ping().toCompletableFuture().get())
        .hasCauseInstanceOf(StoreUnavailableException.class);
    assertThat(circuit.isOpen()).isTrue();
  }
}
