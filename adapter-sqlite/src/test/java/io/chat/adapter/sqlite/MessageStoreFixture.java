package io.chat.adapter.sqlite;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.testing.Ids;
import io.chat.domain.shared.ChatId;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A store of its own for each test of messages, and repeatable ids with a chat to use. */
abstract class MessageStoreFixture {
  @TempDir Path directory;
  final ObjectIdGenerator ids;
  final ChatId chat;
  SqliteStore store;

  MessageStoreFixture(long seed) {
    this.ids = Ids.seeded(seed);
    this.chat = ids.newChatId();
  }

  @BeforeEach
  void open() {
    store = SqliteStore.open(directory);
  }

  @AfterEach
  void close() {
    store.close();
  }
}
