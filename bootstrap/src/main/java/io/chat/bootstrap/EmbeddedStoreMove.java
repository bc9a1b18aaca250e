package io.chat.bootstrap;

import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.mongo.MongoExport;
import io.chat.adapter.mongo.MongoStore;
import io.chat.adapter.sqlite.SqliteImport;
import io.chat.adapter.sqlite.SqliteStore;
import io.chat.domain.chat.Chat;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.relation.Block;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a data directory written by a release that kept its data in the embedded MongoDB-compatible
 * store ({@value EmbeddedMongo#FILE_NAME}) into the SQLite store ({@value SqliteStore#FILE_NAME}),
 * once, at start-up, under the directory's lock (the caller holds it).
 *
 * <p>Crash-safe by construction: everything is written into a new file in a directory of its own
 * ({@value #WORK}), which is moved to its place in one atomic rename only once complete and on
 * disk. That rename is the move's commit: before it, the next start throws the half-made file away
 * and begins again from the old store, which the move only reads; after it, the next start finds
 * the new file and never looks back. The old file is then renamed ({@value #KEPT_SUFFIX}, never
 * over another file) and kept, never deleted: it is the operator's to remove. A note written before
 * the rename ({@value #NOTE}: the old file's size and time) tells a start that finds both files
 * whether the old one is the one moved (set it aside) or one written since (a start of the earlier
 * release after the move): then the server refuses to start rather than hide those writes.
 */
final class EmbeddedStoreMove {
  static final String WORK = "chat.db.moving";
  static final String NOTE = "chat.db.moved-from";
  static final String KEPT_SUFFIX = ".moved";
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStoreMove.class);

  private EmbeddedStoreMove() {}

  /**
   * Moves the old store's data into a new SQLite file when the directory has the old only; the
   * caller holds the directory's lock.
   */
  static void ifNeeded(Path dataDir) {
    Path old = dataDir.resolve(EmbeddedMongo.FILE_NAME);
    Path target = dataDir.resolve(SqliteStore.FILE_NAME);
    Path note = dataDir.resolve(NOTE);
    try {
      if (Files.exists(target)) {
        if (Files.exists(old)) {
          if (!Files.exists(note) || !Files.readString(note).equals(identity(old))) {
            throw StartupProblem.twoStores(dataDir);
          }
          // Moved, then stopped before the old file was set aside.
          keep(old);
        }
        Files.deleteIfExists(note);
        return;
      }
      if (!Files.exists(old)) {
        return;
      }
      long started = System.nanoTime();
      Path work = dataDir.resolve(WORK);
      deleteTree(work);
      long records = copy(dataDir, work);
      Path made = work.resolve(SqliteStore.FILE_NAME);
      fsync(made);
      writeDurably(note, identity(old));
      // A log left by a store file deleted by hand would be replayed onto the new file.
      Files.deleteIfExists(dataDir.resolve(SqliteStore.FILE_NAME + "-wal"));
      Files.deleteIfExists(dataDir.resolve(SqliteStore.FILE_NAME + "-shm"));
      Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
      fsync(dataDir);
      Path kept = keep(old);
      Files.delete(note);
      deleteTree(work);
      LOG.info(
          "moved {} records of the earlier release's store into {} in {} ms; the old file is kept"
              + " as {}",
          records,
          target,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          kept.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException("moving the earlier release's store failed", e);
    }
  }

  /** What tells the old file moved from one written later: its size and its time. */
  private static String identity(Path old) throws IOException {
    return Files.size(old) + " " + Files.getLastModifiedTime(old).toMillis();
  }

  private static void writeDurably(Path file, String text) throws IOException {
    Files.writeString(file, text);
    fsync(file);
    fsync(file.getParent());
  }

  /** Opens the old store and copies it all into a new store in {@code work}. */
  private static long copy(Path dataDir, Path work) {
    // No createIndexes: it would only give old messages search words, which the move makes anew.
    try (EmbeddedMongo embedded = EmbeddedMongo.persistent(dataDir);
        MongoStore store =
            MongoStore.connect(
                embedded.connectionString(), MongoStore.DEFAULT_DATABASE, PAGE_TIMEOUT);
        SqliteImport into = SqliteImport.into(work)) {
      long read = new MongoExport(store).to(sink(into)).toCompletableFuture().get();
      into.finish();
      LOG.info("read {} documents, wrote {} records", read, into.objects());
      return into.objects();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while moving the store", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("moving the earlier release's store failed: " + e, e);
    }
  }

  private static MongoExport.Sink sink(SqliteImport into) {
    return new MongoExport.Sink() {
      @Override
      public void user(UserProfile user) {
        into.user(user);
      }

      @Override
      public void block(Block block) {
        into.block(block);
      }

      @Override
      public void mute(Mute mute) {
        into.mute(mute);
      }

      @Override
      public void pushToken(UserId user, PushToken token) {
        into.pushToken(user, token);
      }

      @Override
      public void chat(Chat chat) {
        into.chat(chat);
      }

      @Override
      public void membership(Membership membership) {
        into.membership(membership);
      }

      @Override
      public void message(Message message) {
        into.message(message);
      }

      @Override
      public void reaction(MessageId message, UserId user, String emoji) {
        into.reaction(message, user, emoji);
      }

      @Override
      public CompletionStage<Void> taken() {
        return into.written();
      }
    };
  }

  /** Renames the old file aside, never over another file; answers its new name. */
  private static Path keep(Path old) throws IOException {
    Path kept = old.resolveSibling(old.getFileName() + KEPT_SUFFIX);
    for (int n = 2; Files.exists(kept); n++) {
      kept = old.resolveSibling(old.getFileName() + KEPT_SUFFIX + "-" + n);
    }
    Files.move(old, kept, StandardCopyOption.ATOMIC_MOVE);
    fsync(old.getParent());
    return kept;
  }

  private static void fsync(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
