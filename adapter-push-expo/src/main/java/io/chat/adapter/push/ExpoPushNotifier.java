package io.chat.adapter.push;

import io.chat.application.port.out.PushNotification;
import io.chat.application.port.out.PushNotifier;
import io.chat.domain.user.PushToken;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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
 * gone to a callback: those its tickets name, and, some minutes later, those its receipts name.
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

  /** An accepted ticket waiting for its receipt: whose it is, when to ask, how often asked. */
  private record Pending(String id, String token, long dueNanos, int asked) {}

  /** One receipts request, sent again as is on a retry. */
  private record ReceiptCheck(List<Pending> tickets, HttpRequest request) {}

  private final Scheduler scheduler;
  private final long receiptDelayNanos;
  private final Object receiptLock = new Object();
  // In the order they come due: every ticket, new or asked again, waits the same delay.
  private final ArrayDeque<Pending> receipts = new ArrayDeque<>();
  private boolean receiptTimerSet; // guarded by receiptLock
  private volatile boolean receiptCheckOut; // written under receiptLock
  private final AtomicLong receiptsOk = new AtomicLong();
  private final AtomicLong receiptErrors = new AtomicLong();
  private final AtomicLong receiptsDropped = new AtomicLong();
  private final AtomicLong receiptsGivenUp = new AtomicLong();
  private final AtomicLong receiptRetries = new AtomicLong();

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

  /** With a given worker and the clock and timer of receipt checks (tests drive both). */
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
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.receiptDelayNanos = config.receiptDelay().toNanos();
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
   * configured deadline passes, and then drops (and counts) what is left. Receipt checks not yet
   * sent are dropped (and counted); one already sent is awaited like a send. Never fails.
   */
  public CompletionStage<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!closed.compareAndSet(null, done)) {
      return closed.get().copy();
    }
    closing = true;
    dropReceiptChecks();
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
        forgotten.get(),
        receiptsPending(),
        receiptsOk.get(),
        receiptErrors.get(),
        receiptsDropped.get(),
        receiptsGivenUp.get(),
        receiptRetries.get());
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
      if (closing && queue.isEmpty() && inFlight.get() == 0 && !receiptCheckOut) {
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
    return request(config.url(), body);
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
    ExpoAnswer<ExpoWire.Answer> outcome =
        ExpoAnswer.of(
            answer,
            failure,
            ExpoWire::parse,
            new ExpoWire.Answer(List.of(), List.of()),
            ExpoWire.Answer::requestErrors);
    if (outcome instanceof ExpoAnswer.Retry<ExpoWire.Answer> again) {
      retryOrGiveUp(batch, retry, again.after(), again.why());
    } else if (outcome instanceof ExpoAnswer.Stop<ExpoWire.Answer> stop) {
      giveUp(batch, stop.why());
    } else if (outcome instanceof ExpoAnswer.Use<ExpoWire.Answer> use) {
      try {
        tickets(batch, use.body());
      } finally {
        finish();
      }
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
    List<Pending> accepted = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    for (int i = 0; i < matched; i++) {
      ExpoWire.Ticket ticket = tickets.get(i);
      if (ticket.ok()) {
        delivered.incrementAndGet();
        String token = messages.get(i).to();
        ticket.id().ifPresent(id -> accepted.add(new Pending(id, token, 0, 0)));
        continue;
      }
      failed.incrementAndGet();
      // Tickets come in the request's order; the token in the details, when given, must be ours.
      String token = ticket.token().filter(sent::contains).orElse(messages.get(i).to());
      if (ExpoWire.DEVICE_NOT_REGISTERED.equals(ticket.error())) {
        dead.add(token);
      } else {
        LOG.log(
            Level.WARNING,
            "push ticket error {0} for {1}",
            ticket.error(),
            ExpoWire.shortToken(token));
      }
    }
    failed.addAndGet(messages.size() - matched);
    // Remembered before the callback runs, so that whoever hears of a dead token may count on it.
    remember(accepted);
    dead.forEach(this::forget);
  }

  // ---- Receipts: a ticket only says Expo took the message; the receipt says what became of it.

  private int receiptsPending() {
    synchronized (receiptLock) {
      return receipts.size();
    }
  }

  /** Keeps tickets to ask for their receipts later, dropping the oldest beyond the capacity. */
  private void remember(List<Pending> tickets) {
    if (tickets.isEmpty() || config.receiptCapacity() == 0) {
      return;
    }
    int evicted = 0;
    Optional<Duration> timer;
    synchronized (receiptLock) {
      if (closing) {
        evicted = tickets.size();
        timer = Optional.empty();
      } else {
        long due = scheduler.nanoTime() + receiptDelayNanos;
        for (Pending ticket : tickets) {
          if (receipts.size() >= config.receiptCapacity()) {
            receipts.pollFirst();
            evicted++;
          }
          receipts.addLast(new Pending(ticket.id(), ticket.token(), due, ticket.asked()));
        }
        timer = setTimerIfIdle();
      }
    }
    if (evicted > 0) {
      receiptsDropped(evicted, closing ? "the notifier is closed" : "too many remembered");
    }
    timer.ifPresent(this::scheduleReceiptCheck);
  }

  private void receiptsDropped(int count, String why) {
    long before = receiptsDropped.getAndAdd(count);
    long after = before + count;
    if (before == 0 || before / LOG_DROPS_EVERY != after / LOG_DROPS_EVERY) {
      LOG.log(Level.WARNING, "push receipt checks dropped ({0}): {1} dropped so far", why, after);
    }
  }

  /**
   * The delay of a timer to set for the oldest ticket, unless one is set or a check is out (its end
   * looks again); waits a window past the oldest's due time so that one check gathers the tickets
   * of many sends.
   */
  private Optional<Duration> setTimerIfIdle() {
    if (receiptTimerSet || receiptCheckOut || receipts.isEmpty()) {
      return Optional.empty();
    }
    receiptTimerSet = true;
    long wait =
        receipts.peekFirst().dueNanos() + config.receiptWindow().toNanos() - scheduler.nanoTime();
    return Optional.of(Duration.ofNanos(Math.max(0, wait)));
  }

  private void scheduleReceiptCheck(Duration delay) {
    scheduler.schedule(
        delay,
        () ->
            onWorkerOrInline(
                () -> {
                  synchronized (receiptLock) {
                    receiptTimerSet = false;
                  }
                  checkReceipts();
                }));
  }

  /** Asks for up to 1,000 receipts that are due, or sets the timer for the next ones. */
  private void checkReceipts() {
    List<Pending> due = new ArrayList<>();
    Optional<Duration> timer;
    synchronized (receiptLock) {
      if (closing || receiptCheckOut) {
        return;
      }
      long now = scheduler.nanoTime();
      while (due.size() < ExpoPushConfig.MAX_RECEIPT_IDS
          && !receipts.isEmpty()
          && receipts.peekFirst().dueNanos() - now <= 0) {
        due.add(receipts.pollFirst());
      }
      receiptCheckOut = !due.isEmpty();
      timer = setTimerIfIdle();
    }
    timer.ifPresent(this::scheduleReceiptCheck);
    if (!due.isEmpty()) {
      startReceiptCheck(due);
    }
  }

  private void startReceiptCheck(List<Pending> tickets) {
    HttpRequest request;
    try {
      request =
          request(
              config.receiptsUrl(), ExpoWire.encodeIds(tickets.stream().map(Pending::id).toList()));
    } catch (RuntimeException unsendable) {
      LOG.log(
          Level.ERROR,
          "push receipts request not built: {0}",
          unsendable.getClass().getSimpleName());
      receiptsGivenUp.addAndGet(tickets.size());
      receiptCheckDone();
      return;
    }
    sendReceiptCheck(new ReceiptCheck(tickets, request), 0);
  }

  private void sendReceiptCheck(ReceiptCheck check, int retry) {
    if (closing) {
      receiptsDropped(check.tickets().size(), "the notifier is closed");
      receiptCheckDone();
      return;
    }
    CompletableFuture<HttpResponse<byte[]>> response;
    try {
      response = http.sendAsync(check.request(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException refused) {
      response = CompletableFuture.failedFuture(refused);
    }
    response.whenComplete((answer, failure) -> receiptsAnswered(check, retry, answer, failure));
  }

  /** Settles a receipts request: a scheduled retry, or its receipts read and the check done. */
  private void receiptsAnswered(
      ReceiptCheck check, int retry, HttpResponse<byte[]> answer, Throwable failure) {
    if (abandoned) {
      receiptsDropped(check.tickets().size(), "the notifier is closed");
      receiptCheckDone();
      return;
    }
    ExpoAnswer<ExpoWire.Receipts> outcome =
        ExpoAnswer.of(
            answer,
            failure,
            ExpoWire::parseReceipts,
            new ExpoWire.Receipts(Map.of(), List.of()),
            ExpoWire.Receipts::requestErrors);
    if (outcome instanceof ExpoAnswer.Retry<ExpoWire.Receipts> again) {
      retryReceiptsOrAskLater(check, retry, again.after(), again.why());
    } else if (outcome instanceof ExpoAnswer.Stop<ExpoWire.Receipts> stop) {
      askLater(check, stop.why());
    } else if (outcome instanceof ExpoAnswer.Use<ExpoWire.Receipts> use) {
      try {
        receipts(check, use.body());
      } finally {
        receiptCheckDone();
      }
    }
  }

  private void retryReceiptsOrAskLater(
      ReceiptCheck check, int retry, Optional<Duration> retryAfter, String why) {
    if (retry >= config.maxRetries() || closing) {
      askLater(check, why + " after " + (retry + 1) + " attempts");
      return;
    }
    Optional<Duration> delay =
        backoff.before(retry + 1, retryAfter, ThreadLocalRandom.current().nextDouble());
    if (delay.isEmpty()) {
      askLater(check, why + " with a Retry-After beyond " + config.maxBackoff());
      return;
    }
    receiptRetries.incrementAndGet();
    scheduler.schedule(
        delay.get(), () -> onWorkerOrInline(() -> sendReceiptCheck(check, retry + 1)));
  }

  /**
   * A request that failed counts as an ask: its tickets wait for the next check, if they have one.
   */
  private void askLater(ReceiptCheck check, String why) {
    LOG.log(
        Level.WARNING,
        "push receipts request for {0} tickets failed: {1}",
        check.tickets().size(),
        why);
    try {
      notReady(check.tickets());
    } finally {
      receiptCheckDone();
    }
  }

  private void receipts(ReceiptCheck check, ExpoWire.Receipts answer) {
    if (!answer.requestErrors().isEmpty()) {
      LOG.log(Level.WARNING, "push receipts request errors: {0}", answer.requestErrors());
    }
    List<Pending> notReady = new ArrayList<>();
    for (Pending ticket : check.tickets()) {
      ExpoWire.Receipt receipt = answer.byId().get(ticket.id());
      if (receipt == null) {
        notReady.add(ticket);
      } else if (receipt.ok()) {
        receiptsOk.incrementAndGet();
      } else {
        receiptErrors.incrementAndGet();
        if (ExpoWire.DEVICE_NOT_REGISTERED.equals(receipt.error())) {
          forget(ticket.token());
        } else {
          LOG.log(
              Level.WARNING,
              "push receipt error {0} for {1}",
              receipt.error(),
              ExpoWire.shortToken(ticket.token()));
        }
      }
    }
    notReady(notReady);
  }

  /** Tickets whose receipt did not come: asked again after the delay, or given up. */
  private void notReady(List<Pending> tickets) {
    List<Pending> again = new ArrayList<>();
    int givenUp = 0;
    for (Pending ticket : tickets) {
      if (ticket.asked() + 1 < config.receiptChecks()) {
        again.add(new Pending(ticket.id(), ticket.token(), 0, ticket.asked() + 1));
      } else {
        givenUp++;
      }
    }
    if (givenUp > 0) {
      receiptsGivenUp.addAndGet(givenUp);
      LOG.log(
          Level.INFO,
          "push receipts of {0} tickets given up after {1} asks",
          givenUp,
          config.receiptChecks());
    }
    remember(again);
  }

  /** Ends the check that is out: the next one may start, and close() may be waiting for it. */
  private void receiptCheckDone() {
    synchronized (receiptLock) {
      receiptCheckOut = false;
    }
    requestDrain();
    onWorkerOrInline(this::checkReceipts);
  }

  private void dropReceiptChecks() {
    int left;
    synchronized (receiptLock) {
      left = receipts.size();
      receipts.clear();
    }
    if (left > 0) {
      receiptsDropped.addAndGet(left);
      LOG.log(Level.INFO, "push closed with {0} receipt checks not yet due: dropped", left);
    }
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
}
