package io.chat.adapter.sqlite;

import static io.chat.adapter.sqlite.ChatTables.MEMBERSHIP_COLUMNS;
import static io.chat.adapter.sqlite.ChatTables.MEMBERSHIP_FIELDS;

import io.chat.application.port.out.MembershipRepository;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;

/**
 * The memberships table ({@link ChatTables}): one row per group and user, keyed by both, kept apart
 * from the chat so that a send writes none of them. A mark moves by one small update of one row by
 * its key, whatever the group's size; the lists go by the key (a group's members by user id), by
 * {@code memberships_current}, {@code memberships_listed} and {@code memberships_reach}.
 */
final class SqliteMembershipRepository implements MembershipRepository {
  static final String FIND =
      "SELECT " + MEMBERSHIP_COLUMNS + " FROM memberships WHERE chat_id = ? AND user_id = ?";
  static final String SAVE =
      "INSERT INTO memberships ("
          + MEMBERSHIP_COLUMNS
          + ") VALUES ("
          + ChatTables.parameters(MEMBERSHIP_COLUMNS)
          + ") ON CONFLICT (chat_id, user_id) DO UPDATE SET ("
          + MEMBERSHIP_FIELDS
          + ") = ("
          + MEMBERSHIP_FIELDS.replaceAll("(\\w+)", "excluded.$1")
          + ")";
  // Each update of one membership takes (a value, the group, the user): see changeOne.
  static final String SET_ROLE =
      "UPDATE memberships SET role = ? WHERE chat_id = ? AND user_id = ? AND left_seq = 0";
  static final String LEAVE =
      "UPDATE memberships SET left_seq = ?, role = '"
          + GroupRole.MEMBER.wire()
          + "' WHERE chat_id = ? AND user_id = ? AND left_seq = 0";
  static final String HIDE =
      "UPDATE memberships SET hidden = ? WHERE chat_id = ? AND user_id = ? AND left_seq > 0";

  /** Current members by user id, strictly after a user id ('' for all), at most a limit. */
  static final String CURRENT =
      "SELECT "
          + MEMBERSHIP_COLUMNS
          + " FROM memberships WHERE chat_id = ? AND left_seq = 0 AND user_id > ?"
          + " ORDER BY user_id LIMIT ?";

  static final String COUNT_CURRENT =
      "SELECT count(*) FROM memberships WHERE chat_id = ? AND left_seq = 0";
  static final String LISTED_GROUPS =
      "SELECT chat_id FROM memberships WHERE user_id = ? AND hidden = 0";

  // A mark moves only up (as max() would move it): a mark already there is no write at all.
  static final String ADVANCE_READ =
      "UPDATE memberships SET read_seq = ?1 WHERE chat_id = ?2 AND user_id = ?3 AND read_seq < ?1";
  static final String ADVANCE_CLEARED =
      "UPDATE memberships SET cleared_seq = ?1"
          + " WHERE chat_id = ?2 AND user_id = ?3 AND cleared_seq < ?1";
  static final String ADVANCE_DELIVERED =
      "UPDATE memberships SET delivered_seq = ?1"
          + " WHERE chat_id = ?2 AND user_id = ?3 AND delivered_seq < ?1";
  static final String SET_ARCHIVED =
      "UPDATE memberships SET archived_seq = ? WHERE chat_id = ? AND user_id = ?";

  /** The expression is {@code memberships_reach}'s, so that the range is that index's. */
  static final String READING_FROM =
      "SELECT "
          + MEMBERSHIP_COLUMNS
          + " FROM memberships WHERE chat_id = ? AND max(read_seq, delivered_seq) >= ?"
          + " AND user_id <> ?";

  /**
   * By the key, from a user id on: the members of one group in user id order, those who did not
   * read or had not joined skipped, so that a page costs at most the group's size.
   */
  static final String READERS =
      "SELECT "
          + MEMBERSHIP_COLUMNS
          + " FROM memberships WHERE chat_id = ?1 AND user_id > ?2 AND read_seq >= ?3"
          + " AND joined_seq <= ?3 AND user_id <> ?4 ORDER BY user_id LIMIT ?5";

  private final SqliteStore store;

  SqliteMembershipRepository(SqliteStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Optional<Membership>> find(ChatId chat, UserId user) {
    return store.read(session -> find(session, chat, user));
  }

  @Override
  public CompletionStage<Void> saveAll(List<Membership> memberships) {
    if (memberships.isEmpty()) {
      return CompletableFuture.completedStage(null);
    }
    return store.write(
        session -> {
          for (Membership membership : memberships) {
            importMembership(session, membership);
          }
          return null;
        });
  }

  /**
   * Stores a membership exactly as given, replacing the one of its group and user, inside a write
   * someone else opened (also the one-time import's).
   */
  static void importMembership(Session session, Membership membership) throws SQLException {
    PreparedStatement save = session.statement(SAVE);
    ChatTables.bindMembership(save, membership);
    save.executeUpdate();
  }

  @Override
  public CompletionStage<Boolean> setRole(ChatId chat, UserId user, GroupRole role) {
    return store.write(session -> changeOne(session, SET_ROLE, role.wire(), chat, user));
  }

  @Override
  public CompletionStage<Boolean> leave(ChatId chat, UserId user, long seq) {
    return store.write(session -> changeOne(session, LEAVE, seq, chat, user));
  }

  @Override
  public CompletionStage<Boolean> hide(ChatId chat, UserId user) {
    return store.write(session -> changeOne(session, HIDE, 1, chat, user));
  }

  /**
   * One update of one membership by its key, parameters (value, group, user), so that only its
   * fields change and marks moved meanwhile stay: whether it changed a row.
   */
  private static boolean changeOne(
      Session session, String update, Object value, ChatId chat, UserId user) throws SQLException {
    PreparedStatement statement = session.statement(update);
    statement.setObject(1, value);
    statement.setString(2, chat.value());
    statement.setString(3, user.value());
    return statement.executeUpdate() == 1;
  }

  @Override
  public CompletionStage<List<Membership>> current(ChatId chat) {
    // A negative limit is no limit.
    return current(chat, Optional.empty(), -1);
  }

  @Override
  public CompletionStage<List<Membership>> currentPage(
      ChatId chat, Optional<UserId> after, int limit) {
    if (limit < 1) {
      return refusedLimit();
    }
    return current(chat, after, limit);
  }

  private CompletionStage<List<Membership>> current(
      ChatId chat, Optional<UserId> after, int limit) {
    return list(CURRENT, chat.value(), after.map(UserId::value).orElse(""), limit);
  }

  @Override
  public CompletionStage<Integer> countCurrent(ChatId chat) {
    return store.read(
        session ->
            ChatTables.query(session, COUNT_CURRENT, row -> row.getInt(1), chat.value()).get(0));
  }

  @Override
  public CompletionStage<List<ChatId>> listedGroupsOf(UserId user) {
    return store.read(
        session ->
            ChatTables.query(
                session, LISTED_GROUPS, row -> ChatId.of(row.getString(1)), user.value()));
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceRead(ChatId chat, UserId user, long seq) {
    return advance(chat, user, seq, ADVANCE_READ, Membership::readSeq);
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceCleared(ChatId chat, UserId user, long seq) {
    return advance(chat, user, seq, ADVANCE_CLEARED, Membership::clearedSeq);
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceDelivered(
      ChatId chat, UserId user, long seq) {
    return advance(chat, user, seq, ADVANCE_DELIVERED, Membership::deliveredSeq);
  }

  /**
   * The membership as it was, then (when the mark moves) one update of that one row: atomic, as
   * every write runs on the one writer.
   */
  private CompletionStage<Optional<Membership>> advance(
      ChatId chat, UserId user, long seq, String update, ToLongFunction<Membership> mark) {
    return store.write(
        session -> {
          Optional<Membership> before = find(session, chat, user);
          if (before.isPresent() && mark.applyAsLong(before.get()) < seq) {
            changeOne(session, update, seq, chat, user);
          }
          return before;
        });
  }

  @Override
  public CompletionStage<Boolean> setArchived(ChatId chat, UserId user, long seq) {
    return store.write(session -> changeOne(session, SET_ARCHIVED, seq, chat, user));
  }

  @Override
  public CompletionStage<List<Membership>> readingFrom(ChatId chat, long fromSeq, UserId except) {
    return list(READING_FROM, chat.value(), fromSeq, except.value());
  }

  @Override
  public CompletionStage<List<Membership>> readers(
      ChatId chat, long seq, UserId except, Optional<UserId> after, int limit) {
    if (limit < 1) {
      return refusedLimit();
    }
    return list(
        READERS, chat.value(), after.map(UserId::value).orElse(""), seq, except.value(), limit);
  }

  private static Optional<Membership> find(Session session, ChatId chat, UserId user)
      throws SQLException {
    return memberships(session, FIND, chat.value(), user.value()).stream().findFirst();
  }

  private CompletionStage<List<Membership>> list(String query, Object... parameters) {
    return store.read(session -> memberships(session, query, parameters));
  }

  private static List<Membership> memberships(Session session, String query, Object... parameters)
      throws SQLException {
    return ChatTables.query(session, query, ChatTables::membership, parameters);
  }

  /** A limit below 1 is a caller's bug (SQLite would read a negative one as none). */
  private static <T> CompletionStage<T> refusedLimit() {
    return CompletableFuture.failedStage(new IllegalArgumentException("limit must be at least 1"));
  }
}
