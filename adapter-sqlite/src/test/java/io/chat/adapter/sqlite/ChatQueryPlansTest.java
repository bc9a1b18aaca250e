package io.chat.adapter.sqlite;

import static io.chat.adapter.sqlite.QueryPlansTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the chats and memberships is answered from an index: no {@code SCAN} of a table,
 * no temporary tree for an {@code ORDER BY}, but for the one bounded sort of a user's list, which
 * is asserted as it is.
 */
class ChatQueryPlansTest {
  @TempDir Path directory;
  private SqliteStore store;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    store = SqliteStore.open(directory);
    connection = DriverManager.getConnection("jdbc:sqlite:" + store.file());
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
    store.close();
  }

  @Test
  void everyLookupListAndUpdateSearchesAnIndex() throws SQLException {
    List<String> queries =
        List.of(
            SqliteChatRepository.FIND_BY_ID,
            SqliteChatRepository.FIND_BY_PAIR,
            SqliteChatRepository.COMPARE_AND_SET_MEMBER,
            SqliteChatRepository.REVISE_LAST,
            SqliteChatRepository.MOVE_CHANGE,
            SqliteChatRepository.ADVANCE_DELIVERED,
            SqliteChatRepository.SET_ARCHIVED,
            SqliteChatRepository.UPDATE_SUPPORT,
            SqliteChatRepository.UPDATE_GROUP,
            SqliteChatRepository.LIST_SUPPORT,
            SqliteChatRepository.LIST_SUPPORT_BY_STATUS,
            SqliteChatRepository.PARTNERS,
            SqliteMembershipRepository.FIND,
            SqliteMembershipRepository.SET_ROLE,
            SqliteMembershipRepository.LEAVE,
            SqliteMembershipRepository.HIDE,
            SqliteMembershipRepository.CURRENT,
            SqliteMembershipRepository.COUNT_CURRENT,
            SqliteMembershipRepository.LISTED_GROUPS,
            SqliteMembershipRepository.ADVANCE_READ,
            SqliteMembershipRepository.ADVANCE_CLEARED,
            SqliteMembershipRepository.ADVANCE_DELIVERED,
            SqliteMembershipRepository.SET_ARCHIVED,
            SqliteMembershipRepository.READING_FROM,
            SqliteMembershipRepository.READERS);

    for (String query : queries) {
      assertThat(plan(connection, query))
          .as("plan of %s", query)
          .isNotEmpty()
          .allMatch(step -> !step.startsWith("SCAN "))
          .noneMatch(step -> step.contains("TEMP B-TREE"));
    }
  }

  @Test
  void theSupportListsAndReadingFromUseTheirOwnIndexes() throws SQLException {
    assertThat(plan(connection, SqliteChatRepository.LIST_SUPPORT))
        .anyMatch(step -> step.contains("INDEX chats_support ("));
    assertThat(plan(connection, SqliteChatRepository.LIST_SUPPORT_BY_STATUS))
        .anyMatch(step -> step.contains("INDEX chats_support_by_status (status=? AND"));
    assertThat(plan(connection, SqliteMembershipRepository.READING_FROM))
        .anyMatch(step -> step.contains("INDEX memberships_reach (chat_id=? AND <expr>>?)"));
  }

  /**
   * The chats of two come from the activity index in list order; the groups' part alone is sorted
   * (by time and id, over the user's listed groups); the page of at most the limit is then read by
   * id.
   */
  @Test
  void aUsersListReadsItsChatsOfTwoInOrderAndSortsOnlyItsGroups() throws SQLException {
    List<String> plan = plan(connection, SqliteChatRepository.LIST_FOR_USER);

    assertThat(plan)
        .contains(
            "MERGE (UNION ALL)",
            "SEARCH chat_members USING INDEX chat_members_by_activity"
                + " (user_id=? AND (active_at,chat_id)<(?,?))",
            "SEARCH m USING COVERING INDEX memberships_listed (user_id=?)",
            "SEARCH g USING COVERING INDEX chats_group_activity (id=? AND updated_at<?)");
    assertThat(plan.stream().filter(step -> step.startsWith("SCAN ")))
        .as("the only scan is of the page itself")
        .containsExactly("SCAN page");
    assertThat(plan.stream().filter(step -> step.contains("TEMP B-TREE")))
        .containsExactly("USE TEMP B-TREE FOR ORDER BY");
    assertThat(plan.indexOf("USE TEMP B-TREE FOR ORDER BY"))
        .as("the sort is the groups' arm's, after the chats of two")
        .isGreaterThan(plan.indexOf("RIGHT"))
        .isGreaterThan(
            plan.indexOf(
                "SEARCH chat_members USING INDEX chat_members_by_activity"
                    + " (user_id=? AND (active_at,chat_id)<(?,?))"));
  }

  /**
   * An insert finds its conflict through the unique index of its key and has no plan step but the
   * reading of its own VALUES rows: checked to be valid SQL on this schema and to scan no table.
   */
  @Test
  void theInsertsScanNothing() throws SQLException {
    for (String insert :
        List.of(
            SqliteChatRepository.CREATE,
            SqliteChatRepository.RECORD_IN_PAIR,
            SqliteChatRepository.RECORD_IN_GROUP,
            SqliteChatRepository.CREATE_MEMBERS,
            SqliteChatRepository.RECORD_MEMBERS,
            SqliteMembershipRepository.SAVE)) {
      assertThat(plan(connection, insert))
          .as("plan of %s", insert)
          .allMatch(step -> !step.startsWith("SCAN ") || step.endsWith("-ROW VALUES CLAUSE"));
    }
  }
}
