package io.chat.application.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Starts many calls of a port at once, from several threads released together, and waits for all
 * their answers: the way to state what a port promises under concurrency.
 */
public final class Concurrently {
  private static final int THREADS = 8;

  private Concurrently() {}

  /**
   * Makes calls {@code 0..count-1} from {@link #THREADS} threads; answers their values in order.
   */
  public static <T> List<T> call(int count, IntFunction<CompletionStage<T>> call) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, THREADS));
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<CompletionStage<T>>> started = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int n = i;
        started.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.apply(n);
                }));
      }
      start.countDown();
      List<T> answers = new ArrayList<>(count);
      for (Future<CompletionStage<T>> future : started) {
        answers.add(Await.done(future.get(Await.TIMEOUT_SECONDS, TimeUnit.SECONDS)));
      }
      return answers;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a call threw instead of answering a stage", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("a call did not return within " + Await.TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
