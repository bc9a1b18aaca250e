package io.chat.application.service.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KeyedSequencerTest {
  private final KeyedSequencer sequencer = new KeyedSequencer();

  @Test
  void aTaskForAKeyStartsOnlyAfterThePreviousOneForThatKeyCompleted() {
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<String> slow = new CompletableFuture<>();

    CompletionStage<String> first =
        sequencer.run(
            "chat",
            () -> {
              log.add("first started");
              return slow;
            });
    CompletionStage<String> second =
        sequencer.run(
            "chat",
            () -> {
              log.add("second started");
              return CompletableFuture.completedFuture("second");
            });

    assertThat(log).containsExactly("first started");
    slow.complete("first");
    assertThat(second.toCompletableFuture().join()).isEqualTo("second");
    assertThat(first.toCompletableFuture().join()).isEqualTo("first");
    assertThat(log).containsExactly("first started", "second started");
  }

  @Test
  void otherKeysDoNotWait() {
    CompletableFuture<String> never = new CompletableFuture<>();
    sequencer.run("a", () -> never);

    CompletionStage<String> other =
        sequencer.run("b", () -> CompletableFuture.completedFuture("b"));

    assertThat(other.toCompletableFuture().isDone()).isTrue();
    never.complete("done");
  }

  @Test
  void aFailedOrThrowingTaskDoesNotStopTheNextOne() {
    CompletionStage<String> failed =
        sequencer.run("k", () -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
    CompletionStage<String> thrown =
        sequencer.run(
            "k",
            () -> {
              throw new IllegalArgumentException("thrown");
            });
    CompletionStage<String> next =
        sequencer.run("k", () -> CompletableFuture.completedFuture("ok"));

    assertThat(failed.toCompletableFuture().isCompletedExceptionally()).isTrue();
    assertThat(thrown.toCompletableFuture().isCompletedExceptionally()).isTrue();
    assertThat(next.toCompletableFuture().join()).isEqualTo("ok");
  }

  @Test
  void keysWithNothingRunningTakeNoMemory() {
    CompletableFuture<String> pending = new CompletableFuture<>();
    sequencer.run("x", () -> pending);
    assertThat(sequencer.activeKeys()).isEqualTo(1);

    pending.complete("done");

    assertThat(sequencer.activeKeys()).isZero();
  }
}
