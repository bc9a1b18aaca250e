package io.chat.adapter.push;

import io.chat.adapter.push.ExpoClient.Outcome;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sends messages to Expo: a bounded queue (a full one drops and counts), drained by one worker into
 * batches with at most {@code maxInFlight} requests out at once, each holding its slot through its
 * retries; reads each batch's tickets, passing accepted ones on for receipts and dead tokens to the
 * callback.
 */
final class ExpoSender {
  // One logger for the whole adapter, under the name operators know it by.
  private static final System.Logger LOG = System.getLogger(ExpoPushNotifier.class.getName());

  private final ExpoPushConfig config;
  private final ExpoClient client;
  private final ExpoClient.Call<ExpoWire.Answer> sends;
  private final Executor worker;
  private final Consumer<List<ReceiptTracker.Ticket>> remember;
  private final Consumer<String> forget;
  private final ExpoCounters counters;
  private final BlockingQueue<ExpoWire.Message> queue;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger drainRequests = new AtomicInteger();
  private final CompletableFuture<Void> idle = new CompletableFuture<>();
  private volatile boolean closing;
  private volatile boolean abandoned;

  /**
   * With the worker the drain loop runs on: once it refuses tasks (shut down), nothing is sent.
   *
   * @param remember told the accepted tickets of a batch, before {@code forget} hears of its dead
   *     tokens
   * @param forget told each token a ticket says is not registered
   */
  ExpoSender(
      ExpoPushConfig config,
      ExpoClient client,
      Executor worker,
      Consumer<List<ReceiptTracker.Ticket>> remember,
      Consumer<String> forget,
      ExpoCounters counters) {
    this.config = config;
    this.client = client;
    this.worker = worker;
    this.remember = remember;
    this.forget = forget;
    this.counters = counters;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.sends =
        new ExpoClient.Call<>(
            config.url(),
            ExpoWire::parse,
            new ExpoWire.Answer(List.of(), List.of()),
            ExpoWire.Answer::requestErrors,
            () -> abandoned,
            counters.retries);
  }

  /** Queues the messages and returns at once; a full or closed queue drops them. */
  void offer(List<ExpoWire.Message> messages) {
    for (ExpoWire.Message message : messages) {
      if (!closing && queue.offer(message)) {
        counters.accepted.incrementAndGet();
      } else {
        counters.messageDropped(closing ? "the notifier is closed" : "the queue is full");
      }
    }
    requestDrain();
  }

  int queued() {
    return queue.size();
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Takes no more messages and sends what is queued; {@link #idle} tells when all is settled. */
  void close() {
    closing = true;
    requestDrain();
  }

  /** Completes once closed with nothing queued and nothing in flight. */
  CompletableFuture<Void> idle() {
    return idle.copy();
  }

  /** Gives up after close: drops what is queued now, and each retry when it comes due. */
  void abandon() {
    abandoned = true;
    List<ExpoWire.Message> rest = new ArrayList<>();
    int left = queue.drainTo(rest);
    if (left > 0 || inFlight.get() > 0) {
      counters.dropped.addAndGet(left);
      LOG.log(
          Level.WARNING,
          "push closed with {0} queued messages dropped and {1} requests unfinished",
          left,
          inFlight.get());
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
        client
            .post(sends, () -> ExpoWire.encode(batch))
            .thenAccept(outcome -> settle(batch, outcome));
      }
      if (closing && queue.isEmpty() && inFlight.get() == 0) {
        idle.complete(null);
      }
      missed = drainRequests.addAndGet(-missed);
    } while (missed != 0);
  }

  /** Counts what became of a batch and reads its tickets; its slot is freed in any case. */
  private void settle(List<ExpoWire.Message> batch, Outcome<ExpoWire.Answer> outcome) {
    try {
      if (outcome instanceof Outcome.Answered<ExpoWire.Answer> answered) {
        tickets(batch, answered.body());
      } else if (outcome instanceof Outcome.Failed<ExpoWire.Answer> failed) {
        LOG.log(Level.WARNING, "push batch of {0} given up: {1}", batch.size(), failed.why());
        counters.failed.addAndGet(batch.size());
      } else if (outcome instanceof Outcome.NotBuilt<ExpoWire.Answer> notBuilt) {
        LOG.log(Level.ERROR, "push request not built: {0}", notBuilt.why());
        counters.failed.addAndGet(batch.size());
      } else if (outcome instanceof Outcome.Dropped<ExpoWire.Answer>) {
        counters.dropped.addAndGet(batch.size());
      }
    } finally {
      inFlight.decrementAndGet();
      requestDrain();
    }
  }

  private void tickets(List<ExpoWire.Message> messages, ExpoWire.Answer answer) {
    if (!answer.requestErrors().isEmpty()) {
      LOG.log(Level.WARNING, "push request errors: {0}", answer.requestErrors());
    }
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
    List<ReceiptTracker.Ticket> accepted = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    for (int i = 0; i < matched; i++) {
      ExpoWire.Ticket ticket = tickets.get(i);
      if (ticket.ok()) {
        counters.delivered.incrementAndGet();
        String token = messages.get(i).to();
        ticket.id().ifPresent(id -> accepted.add(new ReceiptTracker.Ticket(id, token)));
        continue;
      }
      counters.failed.incrementAndGet();
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
    counters.failed.addAndGet(messages.size() - matched);
    // Remembered before the callback runs, so that whoever hears of a dead token may count on it.
    remember.accept(accepted);
    dead.forEach(forget);
  }
}
