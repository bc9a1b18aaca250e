package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.application.testing.Users;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
  @TempDir Path directory;

  @Test
  void aNewFileGetsTheCurrentSchemaInWalMode() throws SQLException {
    try (SqliteStore store = SqliteStore.open(directory);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
      assertThat(single(connection, "SELECT max(version) FROM schema_version"))
          .isEqualTo(String.valueOf(Schema.current()));
      assertThat(single(connection, "SELECT count(*) FROM schema_version")).isEqualTo("1");
      assertThat(single(connection, "PRAGMA journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void reopeningKeepsTheDataAndRunsNoMigrationAgain() {
    try (SqliteStore store = SqliteStore.open(directory)) {
      done(store.users().save(Users.profile(ALICE)));
    }

    try (SqliteStore store = SqliteStore.open(directory)) {
      assertThat(done(store.users().find(ALICE))).contains(Users.profile(ALICE));
    }
  }

  @Test
  void aFileFromANewerReleaseIsRefused() throws SQLException {
    SqliteStore.open(directory).close();
    try (Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteStore.FILE_NAME))) {
      connection.createStatement().execute("UPDATE schema_version SET version = 99");
    }

    assertThatThrownBy(() -> SqliteStore.open(directory))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 99");
  }

  private static String single(Connection connection, String query) throws SQLException {
    try (var statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
