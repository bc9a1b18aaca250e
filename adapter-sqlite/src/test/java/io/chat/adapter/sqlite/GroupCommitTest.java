package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.testing.Users;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer: writes from many threads are all committed, together rather than one by one. */
class GroupCommitTest {
  private static final int THREADS = 16;
  private static final int WRITES_PER_THREAD = 50;

  @TempDir Path directory;
  private SqliteStore store;
  private ExecutorService callers;

  @BeforeEach
  void open() {
    store = SqliteStore.open(directory);
    callers = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void close() throws InterruptedException {
    callers.shutdownNow();
    callers.awaitTermination(10, TimeUnit.SECONDS);
    store.close();
  }

  @Test
  void writesQueuedWhileTheWriterIsBusyShareOneCommit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletionStage<Void> holding = holdTheWriter(release);
    long before = store.commits();

    List<CompletionStage<Void>> writes = submitFromManyThreads();
    release.countDown();
    done(holding);
    writes.forEach(w -> done(w));

    int count = THREADS * WRITES_PER_THREAD;
    int batches = (count + Writer.MAX_BATCH - 1) / Writer.MAX_BATCH;
    // The held write's own commit, then the queued writes in as few batches as MAX_BATCH allows.
    assertThat(store.commits() - before).isLessThanOrEqualTo(1 + batches).isLessThan(count);
    assertEveryProfileIsStored();

    // Writes came together: the next transaction keeps the spacing, the one after a lone write's
    // transaction does not.
    long spaced = store.spacedBatches();
    done(store.users().save(Users.profile(UserId.of("next"))));
    assertThat(store.spacedBatches() - spaced).isEqualTo(1);
    done(store.users().save(Users.profile(UserId.of("alone"))));
    assertThat(store.spacedBatches() - spaced).isEqualTo(1);
  }

  @Test
  void aLoneCallerThatWaitsForEachWriteIsNeverHeldUpByTheSpacing() {
    long before = store.commits();
    long spaced = store.spacedBatches();

    for (int i = 0; i < WRITES_PER_THREAD; i++) {
      done(store.users().save(profile(0, i)));
    }

    assertThat(store.commits() - before).isEqualTo(WRITES_PER_THREAD);
    assertThat(store.spacedBatches() - spaced).isZero();
  }

  @Test
  void writesFromManyThreadsAreAllCommittedInFewerCommitsThanWrites() throws Exception {
    long before = store.commits();

    List<Future<?>> loops = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      // Each caller waits for its write before the next, as a connection's sends do.
      loops.add(
          callers.submit(
              () -> {
                for (int i = 0; i < WRITES_PER_THREAD; i++) {
                  done(store.users().save(profile(thread, i)));
                }
              }));
    }
    for (Future<?> loop : loops) {
      loop.get(60, TimeUnit.SECONDS);
    }

    long commits = store.commits() - before;
    assertThat(commits).isGreaterThan(0).isLessThan(THREADS * WRITES_PER_THREAD);
    assertEveryProfileIsStored();
  }

  @Test
  void aFailingWriteIsUndoneAloneAndTheOthersOfItsBatchAreCommitted() {
    CountDownLatch release = new CountDownLatch(1);
    CompletionStage<Void> holding = holdTheWriter(release);
    CompletionStage<Void> first = store.users().save(Users.profile(UserId.of("first")));
    CompletionStage<Void> failing =
        store.write(
            session -> {
              session.execute(
                  "INSERT INTO users (id, full_name, verified) VALUES ('half', 'Half', 0)");
              throw new IllegalArgumentException("a write that fails after writing");
            });
    CompletionStage<Void> last = store.users().save(Users.profile(UserId.of("last")));
    long before = store.commits();
    release.countDown();

    done(holding);
    assertThat(failure(failing)).isInstanceOf(IllegalArgumentException.class);
    done(first);
    done(last);
    assertThat(store.commits() - before).isEqualTo(2);
    assertThat(done(store.users().find(UserId.of("first")))).isPresent();
    assertThat(done(store.users().find(UserId.of("last")))).isPresent();
    assertThat(done(store.users().find(UserId.of("half")))).isEmpty();
  }

  @Test
  void anErrorInAWriteFailsItsBatchAndTheWriterGoesOn() {
    CompletionStage<Void> failing =
        store.write(
            session -> {
              throw new StackOverflowError("a write that dies");
            });

    assertThat(failure(failing))
        .isInstanceOf(io.chat.application.port.out.StoreUnavailableException.class);
    done(store.users().save(Users.profile(UserId.of("after"))));
    assertThat(done(store.users().find(UserId.of("after")))).isPresent();
  }

  @Test
  void noCallersThreadRunsTheWork() {
    Thread caller = Thread.currentThread();
    CompletableFuture<Thread> writerThread = new CompletableFuture<>();
    CompletableFuture<Thread> readerThread = new CompletableFuture<>();

    done(store.write(session -> writerThread.complete(Thread.currentThread())));
    done(store.read(session -> readerThread.complete(Thread.currentThread())));

    assertThat(done(writerThread)).isNotSameAs(caller);
    assertThat(done(writerThread).getName()).endsWith("-writer");
    CountDownLatch release = new CountDownLatch(1);
    CompletionStage<Void> holding = holdTheWriter(release);
    CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
    // Attached while the writer is held, so that the stage cannot be complete yet.
    CompletionStage<Void> next =
        store.write(session -> null).thenRun(() -> answeredOn.complete(Thread.currentThread()));
    release.countDown();
    done(holding);
    done(next);
    assertThat(done(answeredOn).getName())
        .as("what a caller does next runs off the writer's thread")
        .endsWith("-answers");
    assertThat(done(readerThread).getName()).contains("-reader-");
  }

  /** A write that keeps the writer busy, once it runs, until released. */
  private CompletionStage<Void> holdTheWriter(CountDownLatch release) {
    CountDownLatch started = new CountDownLatch(1);
    CompletionStage<Void> holding =
        store.write(
            session -> {
              started.countDown();
              await(release);
              return null;
            });
    await(started);
    return holding;
  }

  private List<CompletionStage<Void>> submitFromManyThreads() throws Exception {
    List<Future<List<CompletionStage<Void>>>> submitted = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      submitted.add(
          callers.submit(
              () -> {
                List<CompletionStage<Void>> mine = new ArrayList<>();
                for (int i = 0; i < WRITES_PER_THREAD; i++) {
                  mine.add(store.users().save(profile(thread, i)));
                }
                return mine;
              }));
    }
    List<CompletionStage<Void>> all = new ArrayList<>();
    for (Future<List<CompletionStage<Void>>> f : submitted) {
      all.addAll(f.get(30, TimeUnit.SECONDS));
    }
    return all;
  }

  private void assertEveryProfileIsStored() {
    List<UserId> ids = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < WRITES_PER_THREAD; i++) {
        ids.add(profile(t, i).id());
      }
    }
    assertThat(done(store.users().findAll(ids))).hasSize(THREADS * WRITES_PER_THREAD);
  }

  private static UserProfile profile(int thread, int i) {
    return Users.profile(UserId.of("u-" + thread + "-" + i));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
