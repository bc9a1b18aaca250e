package io.chat.adapter.push;

import io.chat.adapter.push.ExpoClient.Outcome;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Asks Expo what became of accepted messages (a ticket only says Expo took one; its receipt says
 * whether it reached the device): remembers tickets up to {@code receiptCapacity}, asks for those
 * due in checks of up to 1,000, one out at a time, tells the callback of each token a receipt says
 * is not registered, asks again for receipts not ready, and on close drops what is not yet due.
 */
final class ReceiptTracker {
  // One logger for the whole adapter, under the name operators know it by.
  private static final System.Logger LOG = System.getLogger(ExpoPushNotifier.class.getName());

  /** An accepted message: its ticket's id, and the token it went to. */
  record Ticket(String id, String token) {}

  /** A ticket waiting for its receipt: whose it is, when to ask, how often asked. */
  private record Pending(String id, String token, long dueNanos, int asked) {}

  private final ExpoPushConfig config;
  private final ExpoClient client;
  private final ExpoClient.Call<ExpoWire.Receipts> checks;
  private final Scheduler scheduler;
  private final Executor worker;
  private final Consumer<String> forget;
  private final ExpoCounters counters;
  private final CompletableFuture<Void> idle = new CompletableFuture<>();

  private final Object lock = new Object();
  // In the order they come due: every ticket, new or asked again, waits the same delay.
  private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by lock
  private boolean timerSet; // guarded by lock
  private boolean checkOut; // guarded by lock
  private volatile boolean closing; // written under lock
  private volatile boolean abandoned;

  /**
   * With the clock tickets come due by and the timer that wakes the next check, and the worker a
   * check runs on when the timer fires or the previous check ends (it must not block).
   *
   * @param forget told each token a receipt says is not registered
   */
  ReceiptTracker(
      ExpoPushConfig config,
      ExpoClient client,
      Scheduler scheduler,
      Executor worker,
      Consumer<String> forget,
      ExpoCounters counters) {
    this.config = config;
    this.client = client;
    this.scheduler = scheduler;
    this.worker = worker;
    this.forget = forget;
    this.counters = counters;
    this.checks =
        new ExpoClient.Call<>(
            config.receiptsUrl(),
            ExpoWire::parseReceipts,
            new ExpoWire.Receipts(Map.of(), List.of()),
            ExpoWire.Receipts::requestErrors,
            () -> closing,
            counters.receiptRetries);
  }

  /** Keeps tickets to ask for their receipts after the delay (none once closed). */
  void remember(List<Ticket> tickets) {
    enqueue(
        tickets.stream().map(ticket -> new Pending(ticket.id(), ticket.token(), 0, 0)).toList());
  }

  int pending() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /**
   * Drops the tickets not yet asked for and starts no more checks: waiting up to the delay is not
   * what a shutdown is for. {@link #idle} completes once the check out, if any, is settled.
   */
  void close() {
    int left;
    boolean noCheckOut;
    synchronized (lock) {
      closing = true;
      left = pending.size();
      pending.clear();
      noCheckOut = !checkOut;
    }
    if (left > 0) {
      counters.receiptsDropped.addAndGet(left);
      LOG.log(Level.INFO, "push closed with {0} receipt checks not yet due: dropped", left);
    }
    if (noCheckOut) {
      idle.complete(null);
    }
  }

  /** Completes once closed with no check out. */
  CompletableFuture<Void> idle() {
    return idle.copy();
  }

  /** Gives up after close: an answer that comes now is dropped rather than acted on. */
  void abandon() {
    abandoned = true;
  }

  /** Queues tickets to be asked for after the delay, dropping the oldest beyond the capacity. */
  private void enqueue(List<Pending> tickets) {
    if (tickets.isEmpty() || config.receiptCapacity() == 0) {
      return;
    }
    int evicted = 0;
    Optional<Duration> timer;
    synchronized (lock) {
      if (closing) {
        evicted = tickets.size();
        timer = Optional.empty();
      } else {
        long due = scheduler.nanoTime() + config.receiptDelay().toNanos();
        for (Pending ticket : tickets) {
          if (pending.size() >= config.receiptCapacity()) {
            pending.pollFirst();
            evicted++;
          }
          pending.addLast(new Pending(ticket.id(), ticket.token(), due, ticket.asked()));
        }
        timer = setTimerIfIdle();
      }
    }
    if (evicted > 0) {
      counters.receiptChecksDropped(
          evicted, closing ? "the notifier is closed" : "too many remembered");
    }
    timer.ifPresent(this::scheduleCheck);
  }

  /**
   * The delay of a timer to set for the oldest ticket, unless one is set or a check is out (its end
   * looks again); waits a window past the oldest's due time so that one check gathers the tickets
   * of many sends. Called under the lock.
   */
  private Optional<Duration> setTimerIfIdle() {
    if (timerSet || checkOut || pending.isEmpty()) {
      return Optional.empty();
    }
    timerSet = true;
    long wait =
        pending.peekFirst().dueNanos() + config.receiptWindow().toNanos() - scheduler.nanoTime();
    return Optional.of(Duration.ofNanos(Math.max(0, wait)));
  }

  private void scheduleCheck(Duration delay) {
    scheduler.schedule(
        delay,
        () ->
            worker.execute(
                () -> {
                  synchronized (lock) {
                    timerSet = false;
                  }
                  check();
                }));
  }

  /** Asks for up to 1,000 receipts that are due, or sets the timer for the next ones. */
  private void check() {
    List<Pending> due = new ArrayList<>();
    Optional<Duration> timer;
    synchronized (lock) {
      if (closing || checkOut) {
        return;
      }
      long now = scheduler.nanoTime();
      while (due.size() < ExpoPushConfig.MAX_RECEIPT_IDS
          && !pending.isEmpty()
          && pending.peekFirst().dueNanos() - now <= 0) {
        due.add(pending.pollFirst());
      }
      checkOut = !due.isEmpty();
      timer = setTimerIfIdle();
    }
    timer.ifPresent(this::scheduleCheck);
    if (!due.isEmpty()) {
      client
          .post(checks, () -> ExpoWire.encodeIds(due.stream().map(Pending::id).toList()))
          .thenAccept(outcome -> settle(due, outcome));
    }
  }

  /** Acts on what became of a check, then ends it. */
  private void settle(List<Pending> tickets, Outcome<ExpoWire.Receipts> outcome) {
    try {
      if (abandoned || outcome instanceof Outcome.Dropped<ExpoWire.Receipts>) {
        counters.receiptChecksDropped(tickets.size(), "the notifier is closed");
      } else if (outcome instanceof Outcome.Answered<ExpoWire.Receipts> answered) {
        receipts(tickets, answered.body());
      } else if (outcome instanceof Outcome.Failed<ExpoWire.Receipts> failed) {
        LOG.log(
            Level.WARNING,
            "push receipts request for {0} tickets failed: {1}",
            tickets.size(),
            failed.why());
        // A request that failed counts as an ask: its tickets wait for the next check, if any.
        notReady(tickets);
      } else if (outcome instanceof Outcome.NotBuilt<ExpoWire.Receipts> notBuilt) {
        LOG.log(Level.ERROR, "push receipts request not built: {0}", notBuilt.why());
        counters.receiptsGivenUp.addAndGet(tickets.size());
      }
    } finally {
      checkDone();
    }
  }

  private void receipts(List<Pending> tickets, ExpoWire.Receipts answer) {
    if (!answer.requestErrors().isEmpty()) {
      LOG.log(Level.WARNING, "push receipts request errors: {0}", answer.requestErrors());
    }
    List<Pending> notReady = new ArrayList<>();
    for (Pending ticket : tickets) {
      ExpoWire.Receipt receipt = answer.byId().get(ticket.id());
      if (receipt == null) {
        notReady.add(ticket);
      } else if (receipt.ok()) {
        counters.receiptsOk.incrementAndGet();
      } else {
        counters.receiptErrors.incrementAndGet();
        if (ExpoWire.DEVICE_NOT_REGISTERED.equals(receipt.error())) {
          forget.accept(ticket.token());
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
      counters.receiptsGivenUp.addAndGet(givenUp);
      LOG.log(
          Level.INFO,
          "push receipts of {0} tickets given up after {1} asks",
          givenUp,
          config.receiptChecks());
    }
    enqueue(again);
  }

  /** Ends the check that is out: the next one may start, or close() may be waiting for it. */
  private void checkDone() {
    boolean closed;
    synchronized (lock) {
      checkOut = false;
      closed = closing;
    }
    if (closed) {
      idle.complete(null);
    } else {
      worker.execute(this::check);
    }
  }
}
