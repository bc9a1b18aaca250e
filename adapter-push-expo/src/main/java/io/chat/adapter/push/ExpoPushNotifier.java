package io.chat.adapter.push;

import io.chat.application.port.out.PushNotification;
import io.chat.application.port.out.PushNotifier;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Outbound adapter: delivers push notifications through the Expo push service over the JDK {@code
 * HttpClient}. {@link #notify} only queues (bounded; a full queue drops and counts); one worker
 * drains the queue into batches of up to 100 messages, with a bounded number of requests at once,
 * retries 429, 5xx and transport errors with backoff, and reports the tokens of devices that are
 * gone to a callback: those its tickets name, and, some minutes later, those its receipts name. It
 * composes the parts that do this: {@code ExpoSender} sends, {@code ReceiptTracker} asks for
 * receipts, both through {@code ExpoClient}, and {@code ExpoCounters} counts for {@link #stats}.
 */
public final class ExpoPushNotifier implements PushNotifier {
  private static final System.Logger LOG = System.getLogger(ExpoPushNotifier.class.getName());

  /** Counters for monitoring; a snapshot, each value read on its own. */
  public record Stats(
      int queued,
      int inFlight,
      long accepted,
      long dropped,
      long delivered,
      long failed,
      long retries,
      long tokensForgotten,
      int receiptsPending,
      long receiptsOk,
      long receiptErrors,
      long receiptsDropped,
      long receiptsGivenUp,
      long receiptRetries) {}

  private final ExpoPushConfig config;
  private final Consumer<String> onDeadToken;
  private final Executor worker;
  private final boolean ownsWorker;
  private final ExpoCounters counters = new ExpoCounters();
  private final ReceiptTracker receipts;
  private final ExpoSender sender;
  private final AtomicReference<CompletableFuture<Void>> closed = new AtomicReference<>();

  /**
   * Starts the adapter with its own worker thread.
   *
   * @param onDeadToken told each token the service says belongs to no device any more (wire it to
   *     {@code PushTokens.forget}); called on an HTTP client thread, so it must not block
   */
  public ExpoPushNotifier(ExpoPushConfig config, Consumer<String> onDeadToken) {
    this(config, onDeadToken, ownWorker(), true, Scheduler.SYSTEM);
  }

  /** With a given worker, which this adapter neither owns nor shuts down (tests pace it). */
  ExpoPushNotifier(ExpoPushConfig config, Consumer<String> onDeadToken, Executor worker) {
    this(config, onDeadToken, worker, false, Scheduler.SYSTEM);
  }

  /**
   * With a given worker and the clock and timer of retries and receipt checks (tests drive both).
   */
  ExpoPushNotifier(
      ExpoPushConfig config, Consumer<String> onDeadToken, Executor worker, Scheduler scheduler) {
    this(config, onDeadToken, worker, false, scheduler);
  }

  private ExpoPushNotifier(
      ExpoPushConfig config,
      Consumer<String> onDeadToken,
      Executor worker,
      boolean ownsWorker,
      Scheduler scheduler) {
    this.config = Objects.requireNonNull(config, "config");
    this.onDeadToken = Objects.requireNonNull(onDeadToken, "onDeadToken");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.ownsWorker = ownsWorker;
    Objects.requireNonNull(scheduler, "scheduler");
    ExpoClient client = new ExpoClient(config, scheduler, this::onWorkerOrInline);
    this.receipts =
        new ReceiptTracker(
            config, client, scheduler, this::onWorkerOrInline, this::forget, counters);
    this.sender =
        new ExpoSender(config, client, worker, receipts::remember, this::forget, counters);
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
    sender.offer(
        notification.tokens().stream()
            .map(
                token ->
                    new ExpoWire.Message(
                        token.token(),
                        notification.title(),
                        notification.body(),
                        notification.chatId().value(),
                        notification.sender().value(),
                        notification.urgent()))
            .toList());
  }

  /**
   * Stops taking notifications and sends what is queued; completes when all is sent, or when the
   * configured deadline passes, and then drops (and counts) what is left. Receipt checks not yet
   * sent are dropped (and counted); one already sent is awaited like a send. Never fails.
   */
  public CompletionStage<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!closed.compareAndSet(null, done)) {
      return closed.get().copy();
    }
    // Receipts first: tickets of the final flush are not remembered.
    receipts.close();
    sender.close();
    CompletableFuture.allOf(sender.idle(), receipts.idle())
        .completeOnTimeout(null, config.closeDeadline().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (ignored, failure) -> {
              abandon();
              done.complete(null);
            });
    return done.copy();
  }

  public Stats stats() {
    return counters.snapshot(sender.queued(), sender.inFlight(), receipts.pending());
  }

  /**
   * Tells the callback of a dead token, from a ticket or a receipt; a failing callback is logged.
   */
  private void forget(String token) {
    LOG.log(
        Level.INFO, "push token {0} is not registered: forgetting it", ExpoWire.shortToken(token));
    try {
      onDeadToken.accept(token);
      counters.tokensForgotten.incrementAndGet();
    } catch (RuntimeException callbackFailed) {
      LOG.log(
          Level.WARNING,
          "push token {0} not forgotten: {1}",
          ExpoWire.shortToken(token),
          callbackFailed.getClass().getSimpleName());
    }
  }

  /**
   * Retries and receipt checks run on the worker; once it is shut down, inline (they then only
   * count).
   */
  private void onWorkerOrInline(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException shutDown) {
      task.run();
    }
  }

  private void abandon() {
    sender.abandon();
    receipts.abandon();
    if (ownsWorker && worker instanceof ExecutorService owned) {
      owned.shutdown();
    }
  }
}
