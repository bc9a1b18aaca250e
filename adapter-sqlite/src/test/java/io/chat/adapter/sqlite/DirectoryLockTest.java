package io.chat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One store per data directory, also within one process, and the lock is let go on close. */
class DirectoryLockTest {
  @TempDir Path directory;

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstIsClosed() {
    SqliteStore first = SqliteStore.open(directory);
    try {
      assertThatThrownBy(() -> SqliteStore.open(directory))
          .isInstanceOf(DirectoryLock.InUseException.class);
      // The refusal did not drop the first store's lock (closing a second channel on the file
      // would).
      assertThatThrownBy(() -> DirectoryLock.take(directory))
          .isInstanceOf(DirectoryLock.InUseException.class);
    } finally {
      first.close();
    }
    try (SqliteStore again = SqliteStore.open(directory)) {
      assertThat(again.file()).exists();
    }
  }

  @Test
  void aLockTakenBeforeTheStoreIsHandedToItAndReleasedWithIt() {
    DirectoryLock lock = DirectoryLock.take(directory.resolve("data"));
    SqliteStore store = SqliteStore.open(directory.resolve("data"), lock);
    assertThatThrownBy(() -> DirectoryLock.take(directory.resolve("data")))
        .isInstanceOf(DirectoryLock.InUseException.class);
    store.close();
    DirectoryLock.take(directory.resolve("data")).close();
  }
}
