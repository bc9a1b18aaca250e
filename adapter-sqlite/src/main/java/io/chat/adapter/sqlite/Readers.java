package io.chat.adapter.sqlite;

import io.chat.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The readers: a few threads of their own and as many read-only connections. In WAL mode a reader
 * sees the last commit and never waits for the writer, nor the writer for it. A thread takes a free
 * connection for each read; there are as many connections as threads, so one is always free.
 */
final class Readers {
  private final BlockingQueue<Session> sessions;
  private final List<Session> all;
  private final ExecutorService threads;

  Readers(List<Session> sessions, String name) {
    this.all = List.copyOf(sessions);
    this.sessions = new ArrayBlockingQueue<>(sessions.size(), false, sessions);
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            sessions.size(),
            r -> {
              Thread t = new Thread(r, name + "-reader-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs the read on a reader thread; its stage completes there with the result. */
  <T> CompletionStage<T> submit(SqlWork<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      threads.execute(() -> run(work, result));
    } catch (RejectedExecutionException closed) {
      result.completeExceptionally(new StoreUnavailableException(closed));
    }
    return result;
  }

  private <T> void run(SqlWork<T> work, CompletableFuture<T> result) {
    Session session = sessions.poll();
    if (session == null) {
      result.completeExceptionally(
          new StoreUnavailableException(new IllegalStateException("no reader connection")));
      return;
    }
    T value;
    try {
      value = work.run(session);
    } catch (SQLException | RuntimeException e) {
      result.completeExceptionally(SqliteErrors.translate(e));
      return;
    } finally {
      sessions.add(session);
    }
    result.complete(value);
  }

  void close() throws InterruptedException, SQLException {
    threads.shutdown();
    if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
      threads.shutdownNow();
    }
    for (Session session : all) {
      session.close();
    }
  }
}
