package io.chat.adapter.sqlite;

import io.chat.application.port.out.StoreHealth;
import java.sql.ResultSet;
import java.util.concurrent.CompletionStage;

/** Readiness: a reader answers a read of the schema version (the file is open and readable). */
final class SqliteStoreHealth implements StoreHealth {
  static final String PING = "SELECT max(version) FROM schema_version";

  private final SqliteStore store;

  SqliteStoreHealth(SqliteStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Void> ping() {
    return store.read(
        session -> {
          try (ResultSet rows = session.statement(PING).executeQuery()) {
            rows.next();
          }
          return null;
        });
  }
}
