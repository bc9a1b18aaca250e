package io.chat.adapter.sqlite;

import io.chat.application.contract.BlockListContract;
import io.chat.application.port.out.BlockList;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link BlockList} contract on a SQLite file of its own for each test. */
class SqliteBlockListTest extends BlockListContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected BlockList newBlockList() {
    store = SqliteStore.open(directory);
    return store.blocks();
  }
}
