package io.chat.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void theFailureInsideTheJdksWrappersIsFoundHoweverDeep() {
    InvalidArgumentException refusal = new InvalidArgumentException("bad");
    Throwable wrapped =
        new ExecutionException(new CompletionException(new CompletionException(refusal)));

    assertThat(Failures.unwrapped(wrapped)).isSameAs(refusal);
    assertThat(Failures.unwrapped(refusal)).isSameAs(refusal);
  }

  @Test
  void aWrapperWithoutACauseAndOtherExceptionsWithCausesAreKept() {
    CompletionException empty = new CompletionException("no cause", null);
    IllegalStateException withCause = new IllegalStateException(new RuntimeException("inner"));

    assertThat(Failures.unwrapped(empty)).isSameAs(empty);
    assertThat(Failures.unwrapped(withCause)).isSameAs(withCause);
  }

  @Test
  void whatADependentStageSeesIsUnwrappedToTheOriginalFailure() {
    InvalidArgumentException refusal = new InvalidArgumentException("bad");
    Throwable[] seen = new Throwable[1];

    CompletableFuture.failedFuture(refusal).thenApply(x -> x).whenComplete((v, e) -> seen[0] = e);

    assertThat(seen[0]).isInstanceOf(CompletionException.class);
    assertThat(Failures.unwrapped(seen[0])).isSameAs(refusal);
  }
}
