package io.chat.adapter.sqlite;

import io.chat.application.contract.MembershipRepositoryContract;
import io.chat.application.port.out.MembershipRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link MembershipRepository} contract on a SQLite file of its own for each test. */
class SqliteMembershipRepositoryTest extends MembershipRepositoryContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected MembershipRepository newRepository() {
    store = SqliteStore.open(directory);
    return store.memberships();
  }
}
