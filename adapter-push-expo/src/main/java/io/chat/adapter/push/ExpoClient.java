package io.chat.adapter.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the sender and the receipt tracker reach Expo: posts JSON with the adapter's headers and
 * retries a transport error, a 429 or a 5xx with backoff (never sooner than its {@code
 * Retry-After}) until the request has an answer to use or has no retries left.
 */
final class ExpoClient {

  /** What became of a request, after its retries. */
  sealed interface Outcome<T> {
    /** Expo answered, with this body. */
    record Answered<T>(T body) implements Outcome<T> {}

    /** Refused, unreadable, or still failing when the retries ran out. */
    record Failed<T>(String why) implements Outcome<T> {}

    /** Never sent: not even the request could be built (say, an access token no header takes). */
    record NotBuilt<T>(String why) implements Outcome<T> {}

    /** Not sent (again): its owner stopped before it went. */
    record Dropped<T>() implements Outcome<T> {}
  }

  /**
   * One kind of request: its endpoint; how its answers read (see {@link ExpoAnswer#of}); whether
   * its owner has stopped, asked before each attempt and each retry; what counts its retries.
   */
  record Call<T>(
      URI url,
      ExpoAnswer.Parser<T> parser,
      T empty,
      Function<T, List<String>> errors,
      BooleanSupplier stopped,
      AtomicLong retries) {}

  private final ExpoPushConfig config;
  private final HttpClient http;
  private final Backoff backoff;
  private final Scheduler scheduler;
  private final Executor retryOn;

  /** With the timer retries wait on, and where they run when it fires (it must not block). */
  ExpoClient(ExpoPushConfig config, Scheduler scheduler, Executor retryOn) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.backoff = new Backoff(config.baseBackoff(), config.maxBackoff());
    this.scheduler = scheduler;
    this.retryOn = retryOn;
  }

  /**
   * Posts the body to the call's endpoint; the stage completes once, after any retries, and never
   * exceptionally. It completes on an HTTP client thread, or at once where nothing is sent.
   */
  <T> CompletableFuture<Outcome<T>> post(Call<T> call, Supplier<byte[]> body) {
    HttpRequest request;
    try {
      request = request(call.url(), body.get());
    } catch (RuntimeException unsendable) {
      return CompletableFuture.completedFuture(
          new Outcome.NotBuilt<>(unsendable.getClass().getSimpleName()));
    }
    Exchange<T> exchange = new Exchange<>(call, request);
    exchange.attempt(0);
    return exchange.settled;
  }

  private HttpRequest request(URI url, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Accept-Encoding", "gzip, deflate")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    config.accessToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder.build();
  }

  /** One request, sent again as is on each retry, and the stage it settles. */
  private final class Exchange<T> {
    final Call<T> call;
    final HttpRequest request;
    final CompletableFuture<Outcome<T>> settled = new CompletableFuture<>();

    Exchange(Call<T> call, HttpRequest request) {
      this.call = call;
      this.request = request;
    }

    void attempt(int retry) {
      if (call.stopped().getAsBoolean()) {
        settled.complete(new Outcome.Dropped<>());
        return;
      }
      CompletableFuture<HttpResponse<byte[]>> response;
      try {
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (RuntimeException refused) {
        response = CompletableFuture.failedFuture(refused);
      }
      response.whenComplete(
          (answer, failure) ->
              answered(
                  retry,
                  ExpoAnswer.of(answer, failure, call.parser(), call.empty(), call.errors())));
    }

    private void answered(int retry, ExpoAnswer<T> answer) {
      if (answer instanceof ExpoAnswer.Use<T> use) {
        settled.complete(new Outcome.Answered<>(use.body()));
      } else if (answer instanceof ExpoAnswer.Stop<T> stop) {
        settled.complete(new Outcome.Failed<>(stop.why()));
      } else if (answer instanceof ExpoAnswer.Retry<T> again) {
        retryOrFail(retry, again);
      }
    }

    private void retryOrFail(int retry, ExpoAnswer.Retry<T> again) {
      if (retry >= config.maxRetries() || call.stopped().getAsBoolean()) {
        settled.complete(new Outcome.Failed<>(again.why() + " after " + (retry + 1) + " attempts"));
        return;
      }
      Optional<Duration> delay =
          backoff.before(retry + 1, again.after(), ThreadLocalRandom.current().nextDouble());
      if (delay.isEmpty()) {
        settled.complete(
            new Outcome.Failed<>(
                again.why() + " with a Retry-After beyond " + config.maxBackoff()));
        return;
      }
      call.retries().incrementAndGet();
      scheduler.schedule(delay.get(), () -> retryOn.execute(() -> attempt(retry + 1)));
    }
  }
}
