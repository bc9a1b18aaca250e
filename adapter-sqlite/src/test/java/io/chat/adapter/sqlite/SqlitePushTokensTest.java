package io.chat.adapter.sqlite;

import io.chat.application.contract.PushTokensContract;
import io.chat.application.port.out.PushTokens;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link PushTokens} contract on a SQLite file of its own for each test. */
class SqlitePushTokensTest extends PushTokensContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected PushTokens newPushTokens() {
    store = SqliteStore.open(directory);
    return store.pushTokens();
  }
}
