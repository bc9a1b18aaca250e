package io.chat.adapter.inprocess;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.domain.shared.Failures;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fails fast while the store is sick. Every storage operation that goes through it gets a hard
 * deadline (a driver that never answers still fails, as {@link StoreUnavailableException}); the
 * first operation that fails as unavailable opens the circuit, and while it is open every new
 * operation fails at once with {@link StoreUnavailableException}, instead of queueing behind the
 * sick store for its whole timeout. After {@code openFor}, one operation at a time goes through as
 * a probe: its success closes the circuit, its failure keeps it open for another {@code openFor}.
 * So the server recovers by itself, and nothing is acknowledged that the store did not take.
 *
 * <p>{@link #guard} puts it in front of any storage port whose methods answer {@link
 * CompletionStage}s, so that every store adapter gets the same behaviour.
 */
public final class StoreCircuit {
  /** How long the circuit stays open before a probe may go through. */
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(1);

  /** How finely deadlines are kept: an operation fails within a tick of its deadline. */
  private static final long TICKS_PER_DEADLINE = 10;

  private static final long MIN_TICK_MILLIS = 10;

  /** The reason carried by an operation refused while the circuit is open (it was not tried). */
  public static final String NOT_TRIED = "not tried: the store failed just now";

  private final Duration deadline;
  private final Duration openFor;
  private final Clock clock;
  private final Consumer<Boolean> changes;
  private final AtomicReference<Instant> openUntil = new AtomicReference<>(); // null: closed
  private final AtomicBoolean probing = new AtomicBoolean();
  // The deadlines: the operations under way, swept every tick while there are any (a timer per
  // operation would wake the JDK's timer thread on every store call).
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean sweepArmed = new AtomicBoolean();
  private final Executor sweepAfterTick;

  /** An operation under way: its stage as callers see it, failed at the deadline. */
  private record Pending(CompletableFuture<?> stage, long deadlineNanos) {}

  /**
   * @param deadline the longest any operation may take before it counts as unavailable (the store's
   *     own timeout, plus a margin)
   * @param openFor how long new operations fail at once after a failure, before a probe
   */
  public StoreCircuit(Duration deadline, Duration openFor, Clock clock) {
    this(deadline, openFor, clock, open -> {});
  }

  /**
   * As above, telling {@code changes} each time the circuit opens ({@code true}) or closes ({@code
   * false}): once per outage, where a log line per refused operation would flood.
   */
  public StoreCircuit(Duration deadline, Duration openFor, Clock clock, Consumer<Boolean> changes) {
    if (deadline.isNegative() || deadline.isZero() || openFor.isNegative()) {
      throw new IllegalArgumentException(
          "the deadline must be positive, the open time not negative");
    }
    this.deadline = deadline;
    this.openFor = openFor;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.changes = Objects.requireNonNull(changes, "changes");
    long tick = Math.max(MIN_TICK_MILLIS, deadline.toMillis() / TICKS_PER_DEADLINE);
    // Run on the JDK's timer thread itself, as orTimeout's timeouts are: the sweep is short, and
    // the default async pool is a new thread per task on a machine of one or two cores.
    this.sweepAfterTick =
        CompletableFuture.delayedExecutor(tick, TimeUnit.MILLISECONDS, Runnable::run);
  }

  /** Whether new operations fail at once now (a probe aside). */
  public boolean isOpen() {
    return openUntil.get() != null;
  }

  /** Runs {@code operation} unless the circuit is open, bounded by the deadline. */
  public <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> operation) {
    Instant until = openUntil.get();
    boolean isProbe = until != null;
    if (isProbe && (clock.instant().isBefore(until) || !probing.compareAndSet(false, true))) {
      return CompletableFuture.failedFuture(
          new StoreUnavailableException(new IllegalStateException(NOT_TRIED)));
    }
    CompletableFuture<T> result;
    try {
      result = operation.get().toCompletableFuture();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return bounded(result)
        .handle(
            (value, failure) -> {
              Throwable cause = Failures.unwrapped(failure);
              if (cause instanceof TimeoutException) {
                cause = new StoreUnavailableException(cause);
              }
              if (cause instanceof StoreUnavailableException) {
                if (openUntil.getAndSet(clock.instant().plus(openFor)) == null) {
                  changes.accept(true);
                }
              } else if (openUntil.getAndSet(null) != null) {
                // An answer, even a refusal of the input, means the store is back.
                changes.accept(false);
              }
              if (isProbe) {
                probing.set(false);
              }
              if (cause != null) {
                throw new CompletionException(cause);
              }
              return value;
            });
  }

  /** {@code result} as callers see it: its outcome, or a timeout at the deadline. */
  private <T> CompletableFuture<T> bounded(CompletableFuture<T> result) {
    if (result.isDone()) {
      return result;
    }
    CompletableFuture<T> stage = new CompletableFuture<>();
    Pending entry = new Pending(stage, System.nanoTime() + deadline.toNanos());
    pending.add(entry);
    result.whenComplete(
        (value, failure) -> {
          pending.remove(entry);
          if (failure != null) {
            stage.completeExceptionally(failure);
          } else {
            stage.complete(value);
          }
        });
    if (!stage.isDone() && sweepArmed.compareAndSet(false, true)) {
      sweepAfterTick.execute(this::sweep);
    }
    return stage;
  }

  /** Fails the operations past their deadline; stays armed while any is under way. */
  private void sweep() {
    long now = System.nanoTime();
    for (Pending entry : pending) {
      if (now - entry.deadlineNanos() >= 0 && pending.remove(entry)) {
        entry.stage().completeExceptionally(new TimeoutException());
      }
    }
    sweepArmed.set(false);
    if (!pending.isEmpty() && sweepArmed.compareAndSet(false, true)) {
      sweepAfterTick.execute(this::sweep);
    }
  }

  /**
   * {@code port} behind this circuit: each of its methods that answers a {@link CompletionStage}
   * goes through {@link #call}; other methods ({@code toString}, ...) are passed on as they are.
   */
  public <P> P guard(Class<P> portType, P port) {
    Objects.requireNonNull(port, "port");
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            return call(() -> invoke(method, port, args));
          }
          return invokeDirect(method, port, args);
        };
    return portType.cast(
        Proxy.newProxyInstance(portType.getClassLoader(), new Class<?>[] {portType}, handler));
  }

  private static CompletionStage<Object> invoke(Method method, Object target, Object[] args) {
    try {
      @SuppressWarnings("unchecked")
      CompletionStage<Object> stage = (CompletionStage<Object>) method.invoke(target, args);
      return stage;
    } catch (InvocationTargetException e) {
      return CompletableFuture.failedFuture(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object invokeDirect(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
