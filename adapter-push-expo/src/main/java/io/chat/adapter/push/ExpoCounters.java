package io.chat.adapter.push;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The adapter's counters for monitoring: the sender and the receipt tracker each count what they do
 * here, and {@link #snapshot} reads them all for {@code stats()}.
 */
final class ExpoCounters {
  // One logger for the whole adapter, under the name operators know it by.
  private static final System.Logger LOG = System.getLogger(ExpoPushNotifier.class.getName());
  private static final long LOG_DROPS_EVERY = 1_000;

  final AtomicLong accepted = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong tokensForgotten = new AtomicLong();
  final AtomicLong receiptsOk = new AtomicLong();
  final AtomicLong receiptErrors = new AtomicLong();
  final AtomicLong receiptsDropped = new AtomicLong();
  final AtomicLong receiptsGivenUp = new AtomicLong();
  final AtomicLong receiptRetries = new AtomicLong();

  /** Counts a message dropped as it came, and warns as {@link #drops} says. */
  void messageDropped(String why) {
    drops(dropped, 1, "message", why);
  }

  /** Counts receipt checks dropped before they were asked for, and warns as {@link #drops} says. */
  void receiptChecksDropped(int count, String why) {
    drops(receiptsDropped, count, "receipt checks", why);
  }

  /**
   * Adds to a drop counter and warns on the first drop and each time the count passes a thousand:
   * drops come in floods (a dead service, a full queue), and a warning each would flood the log.
   */
  private static void drops(AtomicLong counter, int count, String what, String why) {
    long before = counter.getAndAdd(count);
    long after = before + count;
    if (before == 0 || before / LOG_DROPS_EVERY != after / LOG_DROPS_EVERY) {
      LOG.log(Level.WARNING, "push {0} dropped ({1}): {2} dropped so far", what, why, after);
    }
  }

  /** The counters, with the sizes only the sender and the tracker know. */
  ExpoPushNotifier.Stats snapshot(int queued, int inFlight, int receiptsPending) {
    return new ExpoPushNotifier.Stats(
        queued,
        inFlight,
        accepted.get(),
        dropped.get(),
        delivered.get(),
        failed.get(),
        retries.get(),
        tokensForgotten.get(),
        receiptsPending,
        receiptsOk.get(),
        receiptErrors.get(),
        receiptsDropped.get(),
        receiptsGivenUp.get(),
        receiptRetries.get());
  }
}
