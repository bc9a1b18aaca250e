package io.chat.adapter.sqlite;

import io.chat.application.contract.ChatRepositoryContract;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ChatRepository} contract on a SQLite file of its own for each test. */
class SqliteChatRepositoryTest extends ChatRepositoryContract {
  @TempDir Path directory;
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected ChatRepository newRepository() {
    store = SqliteStore.open(directory);
    return store.chats();
  }

  @Override
  protected MembershipRepository membershipsOf(ChatRepository repository) {
    return store.memberships();
  }
}
