package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.testing.Users;
import io.chat.domain.user.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log is copied into the database file in the background, while the store stays
 * open, long before the log is large enough for the writer to do it itself: the database file alone
 * (without its log) soon holds what was committed.
 */
class CheckpointerTest {
  private static final int WRITES = 200;

  @TempDir Path directory;
  @TempDir Path copies;

  @Test
  void committedWritesReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
    try (SqliteStore store = SqliteStore.open(directory)) {
      for (int i = 0; i < WRITES; i++) {
        done(store.users().save(Users.profile(UserId.of("user-" + i))));
      }

      // A few hundred rows are a few pages of log: far below the writer's own threshold.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int users = usersInTheFileAlone();
      while (users < WRITES && System.nanoTime() < deadline) {
        Thread.sleep(50); // polls the background copy, which runs on its own clock
        users = usersInTheFileAlone();
      }
      assertThat(users).isEqualTo(WRITES);
    }
  }

  /** The users in a copy of the database file without its log (0 when the copy is torn). */
  private int usersInTheFileAlone() throws Exception {
    Path copy = Files.createTempDirectory(copies, "copy").resolve("chat.db");
    Files.copy(directory.resolve(SqliteStore.FILE_NAME), copy, StandardCopyOption.REPLACE_EXISTING);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM users")) {
      return result.next() ? result.getInt(1) : 0;
    } catch (SQLException e) {
      return 0;
    }
  }
}
