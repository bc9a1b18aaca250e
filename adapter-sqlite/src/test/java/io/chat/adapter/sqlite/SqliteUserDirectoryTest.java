package io.chat.adapter.sqlite;

import io.chat.application.contract.UserDirectoryContract;
import io.chat.application.port.out.UserDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link UserDirectory} contract on a SQLite file of its own for each test. */
class SqliteUserDirectoryTest extends UserDirectoryContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected UserDirectory newDirectory() {
    store = SqliteStore.open(directory);
    return store.users();
  }
}
