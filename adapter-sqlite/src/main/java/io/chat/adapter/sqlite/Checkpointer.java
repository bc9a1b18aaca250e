package io.chat.adapter.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies the write-ahead log into the database file on a connection and a thread of its own. Left
 * to SQLite, the commit that takes the log past 1,000 pages does it, on the writer's thread: that
 * commit, and every write queued behind it, waits for the copy and its fsyncs (a send's p99 of
 * hundreds of milliseconds under load). A passive checkpoint runs beside the writer and never
 * blocks it; the writer's own checkpoint stays, at a much larger log, in case this one falls
 * behind.
 */
final class Checkpointer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());

  /** The log's size, in pages, past which the writer checkpoints itself all the same (~64 MB). */
  static final int WRITER_CHECKPOINT_PAGES = 16_000;

  private final Connection connection;
  private final ScheduledExecutorService thread;

  Checkpointer(Connection connection, String name, long everyMillis) {
    this.connection = connection;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name + "-checkpoint");
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(
        this::checkpoint, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
  }

  private void checkpoint() {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      result.next();
    } catch (SQLException | RuntimeException e) {
      // The next round tries again; the writer's own checkpoint is the safety net.
      LOG.log(System.Logger.Level.WARNING, "checkpoint of the store's log failed: " + e);
    }
  }

  @Override
  public void close() throws SQLException, InterruptedException {
    thread.shutdown();
    thread.awaitTermination(10, TimeUnit.SECONDS);
    connection.close();
  }
}
