package io.chat.adapter.sqlite;

import io.chat.application.contract.MessageRepositoryContract;
import io.chat.application.port.out.MessageRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link MessageRepository} contract on a SQLite file of its own for each test. */
class SqliteMessageRepositoryTest extends MessageRepositoryContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected MessageRepository newRepository() {
    store = SqliteStore.open(directory);
    return store.messages();
  }
}
