package io.chat.adapter.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A data directory's lock ({@value #FILE_NAME}): one process, and one store in it, per directory.
 * SQLite itself would let two processes write one file, each with its own idea of the next seq. The
 * operating system lets go of the lock when the process dies, even by kill -9. Held from before
 * anything touches the directory's files (a move of old data into it included) until the store is
 * closed.
 */
public final class DirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "chat.db.lock";

  /**
   * The directories this process holds. A file lock belongs to the process: a second channel on the
   * same file would not be refused by the system, and closing it would drop the first one's lock,
   * so a second taker in this process is refused here, before any channel is opened.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final FileLock lock;

  private DirectoryLock(Path directory, FileLock lock) {
    this.directory = directory;
    this.lock = lock;
  }

  /** Takes the lock of {@code directory} (created if missing), or fails with InUseException. */
  public static DirectoryLock take(Path directory) {
    Path key = directory.toAbsolutePath().normalize();
    if (!HELD.add(key)) {
      throw new InUseException(directory);
    }
    try {
      Files.createDirectories(directory);
      FileChannel channel =
          FileChannel.open(
              directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new InUseException(directory);
      }
      return new DirectoryLock(key, lock);
    } catch (IOException e) {
      HELD.remove(key);
      throw new UncheckedIOException("Cannot lock the data directory " + directory, e);
    } catch (RuntimeException e) {
      HELD.remove(key);
      throw e;
    }
  }

  /** Lets go of the directory (idempotent). */
  @Override
  public void close() {
    try {
      lock.channel().close();
    } catch (IOException ignored) {
      // Closing the channel is all releasing takes; the process's exit would do it too.
    } finally {
      HELD.remove(directory);
    }
  }

  /** Another process (or another open store in this one) uses the data directory. */
  public static final class InUseException extends IllegalStateException {
    InUseException(Path directory) {
      super("another process is using the store in " + directory);
    }
  }
}
