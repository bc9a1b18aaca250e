package io.chat.adapter.sqlite;

import io.chat.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one writer: every write is queued here and run on one thread of its own, on one connection.
 * Whatever is queued when the thread comes round runs in one transaction and is committed once:
 * group commit, one fsync for the batch. Should a write fail, the batch runs again with a savepoint
 * per write, so that the failing write is undone alone. Each write's stage completes after that
 * commit returned, so an acknowledged write is on disk, and on a second thread, so that what its
 * caller does next never holds up the next commit.
 */
final class Writer {
  /** The most writes one transaction takes, so that one commit never waits on too many. */
  static final int MAX_BATCH = 512;

  /**
   * Under load, a transaction starts no sooner than this after the previous one started, and takes
   * every write queued meanwhile: at 1,000 sends a second a commit then serves four sends instead
   * of 1.17 (no spacing) or 2.2 (2 ms), for ~16% less CPU per send than at 2 ms and a p50 ~2.6 ms
   * higher; 3 ms and 6 ms cost more CPU than 4 (docs/benchmarks.md, sessions 9 and 10). Under load
   * means that writes come together: the batch at hand or the previous one holds more than one. A
   * lone caller that waits for each write before the next (a read mark, then another) is never held
   * up, nor is a write that finds the writer idle for longer than the spacing.
   */
  static final long COMMIT_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  private final Session session;
  private final ExecutorService thread;
  private final ExecutorService answers;
  private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong committedWrites = new AtomicLong();
  private final AtomicLong spacedBatches = new AtomicLong();
  // The writer thread's: when the previous transaction started, and how many writes it took.
  private long lastBatchStart = System.nanoTime() - COMMIT_SPACING_NANOS;
  private int lastBatchSize;

  Writer(Session session, String name) {
    this.session = session;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-writer");
              t.setDaemon(true);
              return t;
            });
    this.answers =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-answers");
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues the write; its stage completes with its result once its transaction is committed. */
  <T> CompletionStage<T> submit(SqlWork<T> work) {
    Pending<T> pending = new Pending<>(work);
    if (closed.get()) {
      return CompletableFuture.failedStage(closedStore());
    }
    queue.add(pending);
    schedule();
    if (closed.get() && queue.remove(pending)) {
      // Closed between the check and the queueing: nobody will run it.
      pending.result.completeExceptionally(closedStore());
    }
    return pending.result;
  }

  /** How many transactions were committed so far. */
  long commits() {
    return commits.get();
  }

  /** How many writes those transactions held (a failed write of a batch counts too). */
  long committedWrites() {
    return committedWrites.get();
  }

  /**
   * How many transactions started under the commit spacing (writes came together), whether they had
   * to wait for it or not.
   */
  long spacedBatches() {
    return spacedBatches.get();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        thread.execute(this::drain);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        failQueued();
      }
    }
  }

  private void drain() {
    List<Pending<?>> batch = new ArrayList<>();
    while (true) {
      Pending<?> next;
      while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        scheduled.set(false);
        // A write queued after the poll and before the flag went down is ours to run.
        if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      if (lastBatchSize > 1 || batch.size() > 1) {
        spacedBatches.incrementAndGet();
        long wait = lastBatchStart + COMMIT_SPACING_NANOS - System.nanoTime();
        if (wait > 0 && batch.size() < MAX_BATCH) {
          LockSupport.parkNanos(wait);
          while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
          }
        }
      }
      lastBatchStart = System.nanoTime();
      lastBatchSize = batch.size();
      run(batch);
      batch.clear();
    }
  }

  private void run(List<Pending<?>> batch) {
    if (closed.get()) {
      batch.forEach(p -> p.result.completeExceptionally(closedStore()));
      return;
    }
    List<Pending<?>> done = List.copyOf(batch);
    try {
      session.statement("BEGIN IMMEDIATE").execute();
      if (!runAll(done)) {
        // A write failed: start the batch again, each write in a savepoint of its own this time,
        // so that the failing one is undone alone and the others are committed.
        session.statement("ROLLBACK").execute();
        session.statement("BEGIN IMMEDIATE").execute();
        for (Pending<?> pending : done) {
          pending.runInSavepoint(session);
        }
      }
      session.statement("COMMIT").execute();
      commits.incrementAndGet();
      committedWrites.addAndGet(done.size());
    } catch (Throwable failure) {
      // Errors too (out of memory in a write): the writer must outlive them, or nothing is
      // written any more.
      rollbackQuietly();
      // The transaction is gone, and with it every write of the batch, done or not.
      Throwable translated = SqliteErrors.translate(failure);
      Throwable answer =
          translated instanceof StoreUnavailableException
              ? translated
              : new StoreUnavailableException(failure);
      answer(() -> done.forEach(p -> p.result.completeExceptionally(answer)));
      return;
    }
    answer(() -> done.forEach(Pending::answer));
  }

  /**
   * Runs the batch's writes one after the other without savepoints (a savepoint per write costs,
   * FTS5 flushes its pending words at each), and says whether all of them succeeded. Writes are
   * statements only, so running one again after a rollback does the same.
   */
  private boolean runAll(List<Pending<?>> batch) throws SQLException {
    for (Pending<?> pending : batch) {
      if (!pending.run(session)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Completes a batch's stages on a thread of their own: what callers do next (the next write of a
   * send, its events) never holds up the next commit, and cannot stop the writer.
   */
  private void answer(Runnable completions) {
    try {
      answers.execute(completions);
    } catch (RejectedExecutionException closing) {
      completions.run();
    }
  }

  private void rollbackQuietly() {
    try {
      session.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // No transaction was open, or the connection is gone: nothing is left to undo.
    }
  }

  private void failQueued() {
    Pending<?> pending;
    while ((pending = queue.poll()) != null) {
      pending.result.completeExceptionally(closedStore());
    }
  }

  private static StoreUnavailableException closedStore() {
    return new StoreUnavailableException(new IllegalStateException("the store is closed"));
  }

  /**
   * Stops taking writes, lets the thread finish the batch it runs, and fails what is still queued.
   */
  void close() throws InterruptedException, SQLException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    thread.shutdown();
    if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
      thread.shutdownNow();
    }
    failQueued();
    answers.shutdown();
    answers.awaitTermination(30, TimeUnit.SECONDS);
    session.close();
  }

  /** A queued write: its work, and what it answered until the commit says it may be told. */
  private static final class Pending<T> {
    private final SqlWork<T> work;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private T value;
    private Throwable failure;

    Pending(SqlWork<T> work) {
      this.work = work;
    }

    /** Runs the write where it stands; false if it failed (the transaction must be undone). */
    boolean run(Session session) throws SQLException {
      try {
        value = work.run(session);
        failure = null;
        return true;
      } catch (SQLException | RuntimeException e) {
        if (SqliteErrors.translate(e) instanceof StoreUnavailableException) {
          throw e;
        }
        return false;
      }
    }

    void runInSavepoint(Session session) throws SQLException {
      session.statement("SAVEPOINT write").execute();
      try {
        value = work.run(session);
        session.statement("RELEASE write").execute();
      } catch (SQLException | RuntimeException e) {
        Throwable translated = SqliteErrors.translate(e);
        if (translated instanceof StoreUnavailableException) {
          // Input/output or a full disk: the transaction cannot be trusted; fail the batch.
          throw e;
        }
        failure = translated;
        session.statement("ROLLBACK TO write").execute();
        session.statement("RELEASE write").execute();
      }
    }

    void answer() {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }
  }
}
