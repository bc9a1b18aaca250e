package io.chat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lookup and list query is answered from an index: SQLite's plan for it searches ({@code
 * SEARCH t USING ...}), never scans a table ({@code SCAN t}), and sorts nothing in a temporary tree
 * for an {@code ORDER BY}.
 */
class QueryPlansTest {
  @TempDir Path directory;

  @Test
  void everyQueryIsAnsweredFromAnIndex() throws SQLException {
    List<String> queries =
        List.of(
            SqliteUserDirectory.FIND,
            "SELECT id, full_name, profile_pic, verified FROM users WHERE id IN "
                + InLists.placeholders(3),
            SqliteBlockList.EITHER_WAY,
            SqliteBlockList.BLOCKED_EITHER_WAY,
            SqliteBlockList.BLOCKED_BY,
            SqliteBlockList.REMOVE,
            SqliteMuteSettings.FIND,
            SqliteMuteSettings.findAll(3),
            SqliteMuteSettings.REMOVE,
            SqlitePushTokens.TOKENS_OF,
            SqlitePushTokens.REMOVE,
            SqlitePushTokens.REMOVE_ALL,
            SqlitePushTokens.FORGET);
    try (SqliteStore store = SqliteStore.open(directory);
        Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + store.file().toString())) {
      for (String query : queries) {
        List<String> plan = plan(connection, query);

        assertThat(plan)
            .as("plan of %s", query)
            .isNotEmpty()
            .noneMatch(step -> step.startsWith("SCAN "))
            .noneMatch(step -> step.contains("TEMP B-TREE FOR ORDER BY"));
      }
    }
  }

  @Test
  void theCheckSeesAScan() throws SQLException {
    try (SqliteStore store = SqliteStore.open(directory);
        Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + store.file().toString())) {
      assertThat(plan(connection, "SELECT token FROM push_tokens WHERE platform = ?"))
          .anyMatch(step -> step.startsWith("SCAN push_tokens"));
    }
  }

  static List<String> plan(Connection connection, String query) throws SQLException {
    List<String> steps = new ArrayList<>();
    try (var statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + query)) {
      while (rows.next()) {
        steps.add(rows.getString("detail"));
      }
    }
    return steps;
  }
}
