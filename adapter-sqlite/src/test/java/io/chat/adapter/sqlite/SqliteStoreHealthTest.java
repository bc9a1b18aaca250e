package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Times.at;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.testing.Users;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreHealthTest {
  @TempDir Path directory;

  @Test
  void anOpenStoreAnswersThePing() {
    try (SqliteStore store = SqliteStore.open(directory)) {
      assertThat(done(store.health().ping())).isNull();
    }
  }

  @Test
  void aClosedStoreFailsReadsWritesAndThePingAsUnavailable() {
    SqliteStore store = SqliteStore.open(directory);
    store.close();

    assertThat(
            List.of(
                failure(store.health().ping()),
                failure(store.users().find(ALICE)),
                failure(store.users().save(Users.profile(ALICE))),
                failure(store.blocks().add(Users.block(ALICE, BOB, at(1)))),
                failure(store.pushTokens().tokensOf(ALICE))))
        .allSatisfy(f -> assertThat(f).isInstanceOf(StoreUnavailableException.class));
  }

  @Test
  void closingTwiceIsFine() {
    SqliteStore store = SqliteStore.open(directory);
    store.close();
    store.close();

    assertThat(failure(store.health().ping())).isInstanceOf(StoreUnavailableException.class);
  }
}
