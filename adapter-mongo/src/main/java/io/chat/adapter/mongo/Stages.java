package io.chat.adapter.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Turns the driver's publishers into stages, translating the driver's failures once on the way (see
 * {@link StoreErrors}). Every publisher here is finite and small (a page at most), so each is
 * drained with one unbounded request.
 */
final class Stages {
  private Stages() {}

  /** Every element, in order. */
  static <T> CompletionStage<List<T>> list(Publisher<T> publisher) {
    Collector<T> collector = new Collector<>();
    try {
      publisher.subscribe(collector);
    } catch (RuntimeException e) {
      // A closed client refuses at once rather than through onError: a failed stage all the same.
      collector.onError(e);
    }
    return collector.result;
  }

  /** The first element, if any (the publisher is expected to give at most one). */
  static <T> CompletionStage<Optional<T>> first(Publisher<T> publisher) {
    return list(publisher).thenApply(items -> items.stream().findFirst());
  }

  /** The single element a command answers with; a command that answers nothing is a bug. */
  static <T> CompletionStage<T> single(Publisher<T> publisher) {
    return first(publisher)
        .thenApply(
            item ->
                item.orElseThrow(() -> new IllegalStateException("the store answered nothing")));
  }

  /** Completes when the publisher does, whatever it emitted. */
  static CompletionStage<Void> done(Publisher<?> publisher) {
    return list(publisher).thenApply(ignored -> null);
  }

  private static final class Collector<T> implements Subscriber<T> {
    private final CompletableFuture<List<T>> result = new CompletableFuture<>();
    private final List<T> items = new ArrayList<>();

    @Override
    public void onSubscribe(Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(StoreErrors.translate(error));
    }

    @Override
    public void onComplete() {
      result.complete(items);
    }
  }
}
