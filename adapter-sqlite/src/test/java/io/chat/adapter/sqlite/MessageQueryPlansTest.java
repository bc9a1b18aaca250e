package io.chat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of messages, their search and reactions is answered from an index: no {@code SCAN} of
 * a table, no temporary tree for an {@code ORDER BY}. A search reads the FTS5 index itself ({@code
 * SCAN message_search VIRTUAL TABLE INDEX n:M...}: a MATCH, in rowid order) and reaches each
 * match's message by its rowid; what else it scans is bounded by its own parameters: the chats
 * searched ({@code json_each}) or a subquery's LIMIT (a co-routine, read once in order).
 */
class MessageQueryPlansTest {
  @TempDir Path directory;

  @Test
  void everyQueryIsAnsweredFromAnIndex() throws SQLException {
    List<String> queries =
        List.of(
            SqliteMessageRepository.INSERT,
            SqliteMessageRepository.FIND_BY_ID,
            SqliteMessageRepository.FIND_BY_CLIENT_ID,
            SqliteMessageRepository.FIND_RETRY_IN_PAIR,
            SqliteMessageRepository.FIND_BY_KEY,
            SqliteMessageRepository.FIND_AT_PLACE,
            SqliteMessageRepository.LATEST_BEFORE,
            SqliteMessageRepository.EARLIEST_AFTER,
            SqliteMessageRepository.COUNT_FROM,
            SqliteMessageRepository.COUNT_UNREAD,
            SqliteMessageRepository.REVISE,
            SqliteMessageRepository.REVISED_BETWEEN,
            SqliteMessageRepository.PINNED,
            SqliteMessageRepository.UNHIDE_ALL,
            SqliteMessageRepository.findByIds(3),
            SqliteReactionRepository.REMOVE,
            SqliteReactionRepository.COUNT,
            SqliteReactionRepository.FORGET,
            SqliteReactionRepository.mine(3),
            MessageSearch.IN_CHATS,
            MessageSearch.NEWEST,
            MessageSearch.SCANNED);
    try (SqliteStore store = SqliteStore.open(directory);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
      for (String query : queries) {
        List<String> plan = QueryPlansTest.plan(connection, query);

        assertThat(plan)
            .as("plan of %s", query)
            .isNotEmpty()
            .anyMatch(step -> step.startsWith("SEARCH ") || isIndexOfWords(step))
            .allMatch(step -> !step.startsWith("SCAN ") || isBounded(step))
            .noneMatch(step -> step.contains("TEMP B-TREE"));
      }
      for (String search :
          List.of(MessageSearch.IN_CHATS, MessageSearch.NEWEST, MessageSearch.SCANNED)) {
        assertThat(QueryPlansTest.plan(connection, search))
            .as("plan of %s", search)
            .anyMatch(MessageQueryPlansTest::isIndexOfWords);
      }
    }
  }

  /** The FTS5 index answering a MATCH, its rows in rowid order (no sort). */
  private static boolean isIndexOfWords(String step) {
    return step.matches("SCAN message_search VIRTUAL TABLE INDEX \\d+:M.*");
  }

  /** Scans bounded by the query's own parameters, not by the store. */
  private static boolean isBounded(String step) {
    return isIndexOfWords(step)
        || step.startsWith("SCAN json_each VIRTUAL TABLE")
        || step.equals("SCAN found")
        || step.matches("SCAN \\(subquery-\\d+\\)");
  }
}
