package io.chat.adapter.push;

import io.chat.application.port.out.PushNotification;
import io.chat.application.port.out.PushNotifier;
import io.chat.domain.user.PushToken;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Outbound adapter: delivers push notifications through the Expo push service over the JDK {@code
 * HttpClient}. {@link #notify} only queues (bounded; a full queue drops and counts); one worker
 * drains the queue into batches of up to 100 messages, with a bounded number of requests at once,
 * retries 429, 5xx and transport errors with backoff, and reports the tokens of devices that are
 * gone to a callback.
 */
public final class ExpoPushNotifier implements PushNotifier {
  private static final System.Logger LOG = System.getLogger(ExpoPushNotifier.class.getName());
  private static final long LOG_DROPS_EVERY = 1_000;

  /** Counters for monitoring; a snapshot, each value read on its own. */
  public record Stats(
      int queued,
      int inFlight,
      long accepted,
      long dropped,
      long delivered,
      long failed,
      long retries,
      long tokensForgotten) {}

  private final ExpoPushConfig config;
  private final Consumer<String> onDeadToken;
  private final Executor worker;
  private final boolean ownsWorker;
  private final HttpClient http;
  private final Backoff backoff;
  private final BlockingQueue<ExpoWire.Message> queue;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger drainRequests = new AtomicInteger();
  private final CompletableFuture<Void> idle = new CompletableFuture<>();
  private final AtomicReference<CompletableFuture<Void>> closed = new AtomicReference<>();
  private volatile boolean closing;
  private volatile boolean abandoned;

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong forgotten = new AtomicLong();

  /**
   * Starts the adapter with its own worker thread.
   *
   * @param onDeadToken told each token the service says belongs to no device any more (wire it to
   *     {@code PushTokens.forget}); called on an HTTP client thread, so it must not block
   */
  public ExpoPushNotifier(ExpoPushConfig config, Consumer<String> onDeadToken) {
    this(config, onDeadToken, ownWorker(), true);
  }

  /** With a given worker, which this adapter neither owns nor shuts down (tests pace it). */
  ExpoPushNotifier(ExpoPushConfig config, Consumer<String> onDeadToken, Executor worker) {
    this(config, onDeadToken, worker, false);
  }

  private ExpoPushNotifier(
      ExpoPushConfig config, Consumer<String> onDeadToken, Executor worker, boolean ownsWorker) {
    this.config = Objects.requireNonNull(config, "config");
    this.onDeadToken = Objects.requireNonNull(onDeadToken, "onDeadToken");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.ownsWorker = ownsWorker;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.backoff = new Backoff(config.baseBackoff(), config.maxBackoff());
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
  }

  private static ExecutorService ownWorker() {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, "expo-push");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Queues one message per device and returns at once; a full or closed queue drops them. */
  @Override
  public void notify(PushNotification notification) {
    for (PushToken token : notification.tokens()) {
      ExpoWire.Message message =
          new ExpoWire.Message(
              token.token(),
              notification.title(),
              notification.body(),
              notification.chatId().value(),
              notification.sender().value());
      if (!closing && queue.offer(message)) {
        accepted.incrementAndGet();
      } else {
        dropped(closing ? "the notifier is closed" : "the queue is full");
      }
    }
    requestDrain();
  }

  /**
   * Stops taking notifications and sends what is queued; completes when all is sent, or when the
   * configured deadline passes, and then drops (and counts) what is left. Never fails.
   */
  public CompletionStage<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!closed.compareAndSet(null, done)) {
      return closed.get().copy();
    }
    closing = true;
    requestDrain();
    idle.copy()
        .completeOnTimeout(null, config.closeDeadline().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (ignored, failure) -> {
              abandon();
              done.complete(null);
            });
    return done.copy();
  }

  public Stats stats() {
    return new Stats(
        queue.size(),
        inFlight.get(),
        accepted.get(),
        dropped.get(),
        delivered.get(),
        failed.get(),
        retries.get(),
        forgotten.get());
  }

  private void dropped(String why) {
    long count = dropped.incrementAndGet();
    if (count == 1 || count % LOG_DROPS_EVERY == 0) {
      LOG.log(Level.WARNING, "push message dropped ({0}): {1} dropped so far", why, count);
    }
  }

  /** Runs the drain loop on the worker unless it is already running; then it loops once more. */
  private void requestDrain() {
    if (drainRequests.getAndIncrement() == 0) {
      try {
        worker.execute(this::drain);
      } catch (RejectedExecutionException shutDown) {
        // Only after close() gave up: nothing is sent any more.
      }
    }
  }

  private void drain() {
    int missed = 1;
    do {
      while (!abandoned && inFlight.get() < config.maxInFlight() && !queue.isEmpty()) {
        List<ExpoWire.Message> batch = new ArrayList<>(config.batchSize());
        queue.drainTo(batch, config.batchSize());
        if (batch.isEmpty()) {
          break;
        }
        inFlight.incrementAndGet();
        start(batch);
      }
      if (closing && queue.isEmpty() && inFlight.get() == 0) {
        idle.complete(null);
      }
      missed = drainRequests.addAndGet(-missed);
    } while (missed != 0);
  }

  /** A batch and its request, sent again as is on a retry. */
  private record Batch(List<ExpoWire.Message> messages, HttpRequest request) {}

  private void start(List<ExpoWire.Message> messages) {
    HttpRequest request;
    try {
      request = request(ExpoWire.encode(messages));
    } catch (RuntimeException unsendable) {
      LOG.log(Level.ERROR, "push request not built: {0}", unsendable.getClass().getSimpleName());
      failed.addAndGet(messages.size());
      finish();
      return;
    }
    send(new Batch(messages, request), 0);
  }

  private HttpRequest request(byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(config.url())
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Accept-Encoding", "gzip, deflate")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    config.accessToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder.build();
  }

  private void send(Batch batch, int retry) {
    if (abandoned) {
      dropped.addAndGet(batch.messages().size());
      finish();
      return;
    }
    CompletableFuture<HttpResponse<byte[]>> response;
    try {
      response = http.sendAsync(batch.request(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException refused) {
      response = CompletableFuture.failedFuture(refused);
    }
    response.whenComplete((answer, failure) -> answered(batch, retry, answer, failure));
  }

  /** Settles a batch: exactly one of a scheduled retry (which keeps the slot) or finish(). */
  private void answered(Batch batch, int retry, HttpResponse<byte[]> answer, Throwable failure) {
    if (failure != null) {
      Throwable cause = unwrap(failure);
      if (cause instanceof IOException) {
        retryOrGiveUp(batch, retry, Optional.empty(), cause.getClass().getSimpleName());
      } else {
        giveUp(batch, cause.getClass().getSimpleName());
      }
      return;
    }
    int status = answer.statusCode();
    if (status == 429 || status >= 500) {
      Optional<Duration> retryAfter =
          Backoff.parseRetryAfter(answer.headers().firstValue("Retry-After"), Instant.now());
      retryOrGiveUp(batch, retry, retryAfter, "HTTP " + status);
      return;
    }
    ExpoWire.Answer parsed;
    try {
      parsed = read(answer);
    } catch (IOException | RuntimeException unreadable) {
      giveUp(batch, "answer unreadable (" + unreadable.getClass().getSimpleName() + ")");
      return;
    }
    if (status / 100 != 2) {
      giveUp(batch, "HTTP " + status + " " + parsed.requestErrors());
      return;
    }
    try {
      tickets(batch, parsed);
    } finally {
      finish();
    }
  }

  private static ExpoWire.Answer read(HttpResponse<byte[]> answer) throws IOException {
    byte[] body = ExpoWire.decode(answer.body(), answer.headers().firstValue("Content-Encoding"));
    if (body.length == 0) {
      return new ExpoWire.Answer(List.of(), List.of());
    }
    try {
      return ExpoWire.parse(body);
    } catch (IOException notJson) {
      if (answer.statusCode() / 100 == 2) {
        throw notJson;
      }
      // An error page from a proxy: the status says enough.
      return new ExpoWire.Answer(List.of(), List.of());
    }
  }

  private void retryOrGiveUp(Batch batch, int retry, Optional<Duration> retryAfter, String why) {
    if (retry >= config.maxRetries() || abandoned) {
      giveUp(batch, why + " after " + (retry + 1) + " attempts");
      return;
    }
    Optional<Duration> delay =
        backoff.before(retry + 1, retryAfter, ThreadLocalRandom.current().nextDouble());
    if (delay.isEmpty()) {
      giveUp(batch, why + " with a Retry-After beyond " + config.maxBackoff());
      return;
    }
    retries.incrementAndGet();
    CompletableFuture.delayedExecutor(
            delay.get().toMillis(), TimeUnit.MILLISECONDS, this::onWorkerOrInline)
        .execute(() -> send(batch, retry + 1));
  }

  /** Retries run on the worker; once it is shut down, inline (send() then only counts them). */
  private void onWorkerOrInline(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException shutDown) {
      task.run();
    }
  }

  private void giveUp(Batch batch, String why) {
    LOG.log(Level.WARNING, "push batch of {0} given up: {1}", batch.messages().size(), why);
    failed.addAndGet(batch.messages().size());
    finish();
  }

  private void tickets(Batch batch, ExpoWire.Answer answer) {
    if (!answer.requestErrors().isEmpty()) {
      LOG.log(Level.WARNING, "push request errors: {0}", answer.requestErrors());
    }
    List<ExpoWire.Message> messages = batch.messages();
    List<ExpoWire.Ticket> tickets = answer.tickets();
    if (tickets.size() != messages.size()) {
      LOG.log(
          Level.WARNING,
          "push answer has {0} tickets for {1} messages",
          tickets.size(),
          messages.size());
    }
    Set<String> sent = messages.stream().map(ExpoWire.Message::to).collect(Collectors.toSet());
    int matched = Math.min(tickets.size(), messages.size());
    for (int i = 0; i < matched; i++) {
      ExpoWire.Ticket ticket = tickets.get(i);
      if (ticket.ok()) {
        delivered.incrementAndGet();
        continue;
      }
      failed.incrementAndGet();
      // Tickets come in the request's order; the token in the details, when given, must be ours.
      String token = ticket.token().filter(sent::contains).orElse(messages.get(i).to());
      if (ExpoWire.DEVICE_NOT_REGISTERED.equals(ticket.error())) {
        forget(token);
      } else {
        LOG.log(
            Level.WARNING,
            "push ticket error {0} for {1}",
            ticket.error(),
            ExpoWire.shortToken(token));
      }
    }
    failed.addAndGet(messages.size() - matched);
  }

  private void forget(String token) {
    LOG.log(
        Level.INFO, "push token {0} is not registered: forgetting it", ExpoWire.shortToken(token));
    try {
      onDeadToken.accept(token);
      forgotten.incrementAndGet();
    } catch (RuntimeException callbackFailed) {
      LOG.log(
          Level.WARNING,
          "push token {0} not forgotten: {1}",
          ExpoWire.shortToken(token),
          callbackFailed.getClass().getSimpleName());
    }
  }

  private void finish() {
    inFlight.decrementAndGet();
    requestDrain();
  }

  private void abandon() {
    abandoned = true;
    List<ExpoWire.Message> rest = new ArrayList<>();
    int left = queue.drainTo(rest);
    if (left > 0 || inFlight.get() > 0) {
      dropped.addAndGet(left);
      LOG.log(
          Level.WARNING,
          "push closed with {0} queued messages dropped and {1} requests unfinished",
          left,
          inFlight.get());
    }
    if (ownsWorker && worker instanceof ExecutorService owned) {
      owned.shutdown();
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
