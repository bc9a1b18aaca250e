package io.chat.adapter.sqlite;

import io.chat.application.contract.MuteSettingsContract;
import io.chat.application.port.out.MuteSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link MuteSettings} contract on a SQLite file of its own for each test. */
class SqliteMuteSettingsTest extends MuteSettingsContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected MuteSettings newMuteSettings() {
    store = SqliteStore.open(directory);
    return store.mutes();
  }
}
