package io.chat.adapter.sqlite;

import io.chat.application.contract.ReactionRepositoryContract;
import io.chat.application.port.out.ReactionRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ReactionRepository} contract on a SQLite file of its own for each test. */
class SqliteReactionRepositoryTest extends ReactionRepositoryContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected ReactionRepository newRepository() {
    store = SqliteStore.open(directory);
    return store.reactions();
  }
}
