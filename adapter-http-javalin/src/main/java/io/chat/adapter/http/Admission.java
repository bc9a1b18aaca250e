package io.chat.adapter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on API requests in flight. Past it a request is refused at once instead of queueing
 * inside the server until the store's timeout, so that an overloaded server fails fast and a client
 * can back off. Never blocks: a permit is taken or refused.
 */
final class Admission {
  static final String IN_FLIGHT = "chat.http.in.flight";
  static final String SHED = "chat.http.shed";

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter shed;

  Admission(int max, MeterRegistry registry) {
    this.max = max;
    Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("API requests admitted and not finished yet")
        .strongReference(true)
        .register(registry);
    this.shed =
        Counter.builder(SHED)
            .description("API requests refused with 503 because too many were in flight")
            .register(registry);
  }

  /** A permit while fewer than the bound are in flight; empty (and counted as shed) otherwise. */
  Optional<Permit> tryAcquire() {
    while (true) {
      int current = inFlight.get();
      if (current >= max) {
        shed.increment();
        return Optional.empty();
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return Optional.of(new Permit());
      }
    }
  }

  /** One admitted request; releasing it more than once returns its place only once. */
  final class Permit {
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit() {}

    void release() {
      if (released.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    }
  }
}
