package io.chat.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What was sent, acknowledged and delivered, per device: the latencies and the exactly-once,
 * in-order checks of a load run.
 */
final class Ledger {
  /** One message the generator sent; {@code device} is -1 for a REST send (no sending socket). */
  static final class Sent {
    final String clientMessageId;
    final int sender;
    final int device;
    final long intendedNanos;
    final boolean timed;
    volatile boolean acked;

    /**
     * When the generator actually sent it ({@link #intendedNanos} until told): later than intended
     * when the generator itself fell behind its schedule.
     */
    volatile long departedNanos;

    Sent(String clientMessageId, int sender, int device, long intendedNanos, boolean timed) {
      this.clientMessageId = clientMessageId;
      this.sender = sender;
      this.device = device;
      this.intendedNanos = intendedNanos;
      this.timed = timed;
      this.departedNanos = intendedNanos;
    }

    /** Notes that it leaves now. */
    void departs() {
      departedNanos = System.nanoTime();
    }
  }

  /** What one device received; its transport calls it from one thread at a time. */
  private static final class Inbox {
    final Map<String, Integer> counts = new HashMap<>();
    final Map<String, Long> lastSeq = new HashMap<>();
  }

  private final int devices;
  private final int groupSize;
  private final Inbox[] inboxes;
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Latencies latencies = new Latencies();
  private final Latencies fromDeparture = new Latencies();
  final AtomicLong attempted = new AtomicLong();
  final AtomicLong acked = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong deliveries = new AtomicLong();
  final AtomicLong duplicated = new AtomicLong();
  final AtomicLong reordered = new AtomicLong();
  final AtomicLong wrongEvent = new AtomicLong();
  final AtomicLong unknown = new AtomicLong();
  final AtomicLong expected = new AtomicLong();
  final AtomicLong received = new AtomicLong();

  /** Users in pairs (0 and 1, 2 and 3, ...). */
  Ledger(int users, int devices) {
    this(users, devices, 2);
  }

  /** Users in chats of {@code chatSize} (0 to chatSize - 1, ...): pairs when it is 2. */
  Ledger(int users, int devices, int chatSize) {
    this.devices = devices;
    this.groupSize = chatSize;
    this.inboxes = new Inbox[users * devices];
    for (int i = 0; i < inboxes.length; i++) {
      inboxes[i] = new Inbox();
    }
  }

  /** The messages the server acknowledged so far. */
  List<Sent> acknowledged() {
    return sent.values().stream().filter(m -> m.acked).toList();
  }

  void sending(Sent message) {
    sent.put(message.clientMessageId, message);
    attempted.incrementAndGet();
  }

  void acknowledged(Sent message) {
    if (!message.acked) {
      message.acked = true;
      acked.incrementAndGet();
      // every device of every member, the sending one included (it gets message:sent)
      expected.addAndGet((long) groupSize * devices);
    }
  }

  /** A {@code message:new} or {@code message:sent} at {@code device} of {@code user}. */
  void delivered(
      int user, int device, boolean toSender, String chatId, String clientMessageId, long seq) {
    long now = System.nanoTime();
    deliveries.incrementAndGet();
    Sent message = clientMessageId == null ? null : sent.get(clientMessageId);
    if (message == null) {
      unknown.incrementAndGet();
      return;
    }
    boolean isSender = message.sender == user;
    if (isSender != toSender) {
      wrongEvent.incrementAndGet();
    }
    Inbox inbox = inboxes[user * devices + device];
    boolean first;
    synchronized (inbox) {
      int count = inbox.counts.merge(clientMessageId, 1, Integer::sum);
      first = count == 1;
      if (!first) {
        duplicated.incrementAndGet();
      } else {
        Long last = inbox.lastSeq.get(chatId);
        if (last != null && seq <= last) {
          reordered.incrementAndGet();
        } else {
          inbox.lastSeq.put(chatId, seq);
        }
      }
    }
    if (first) {
      received.incrementAndGet();
      if (message.timed && !(isSender && device == message.device)) {
        latencies.record((now - message.intendedNanos) / 1_000);
        fromDeparture.record((now - message.departedNanos) / 1_000);
      }
    }
  }

  /** Whether every acknowledged message reached every device it should have (so far). */
  boolean complete() {
    return received.get() >= expected.get();
  }

  /** Acknowledged messages missing at a device that should have them. */
  long lost() {
    long lost = 0;
    for (Sent message : sent.values()) {
      if (!message.acked) {
        continue;
      }
      int first = message.sender / groupSize * groupSize;
      for (int user = first; user < first + groupSize; user++) {
        for (int d = 0; d < devices; d++) {
          Inbox inbox = inboxes[user * devices + d];
          synchronized (inbox) {
            if (!inbox.counts.containsKey(message.clientMessageId)) {
              lost++;
            }
          }
        }
      }
    }
    return lost;
  }

  Latencies latencies() {
    return latencies;
  }

  /**
   * The same deliveries' latencies from when each message actually left the generator: the
   * difference to {@link #latencies} is the generator's own delay.
   */
  Latencies latenciesFromDeparture() {
    return fromDeparture;
  }

  /** Latencies in microseconds; few enough per run to keep them all and sort once. */
  static final class Latencies {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void record(long micros) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = micros;
    }

    synchronized long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }

    static double percentileMillis(long[] sorted, double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }
  }
}
