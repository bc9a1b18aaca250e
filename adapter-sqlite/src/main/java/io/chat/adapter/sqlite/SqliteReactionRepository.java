package io.chat.adapter.sqlite;

import io.chat.application.port.out.ReactionRepository;
import io.chat.domain.message.Message;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The reactions table: one row per (message, user, emoji). Setting one is an insert that a row
 * already there turns into nothing, taking it back a delete: whether the user had it is whether the
 * statement changed a row, in the same step (one writer), whatever the concurrency.
 */
final class SqliteReactionRepository implements ReactionRepository {
  static final String ADD =
      "INSERT INTO reactions (message_id, user_id, emoji) VALUES (?, ?, ?)"
          + " ON CONFLICT (message_id, user_id, emoji) DO NOTHING";
  static final String REMOVE =
      "DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?";
  static final String COUNT = "SELECT count(*) FROM reactions WHERE message_id = ? AND emoji = ?";

  /** Every user's reactions to a message deleted for everyone. */
  static final String FORGET = "DELETE FROM reactions WHERE message_id = ?";

  private final SqliteStore store;

  SqliteReactionRepository(SqliteStore store) {
    this.store = store;
  }

  static String mine(int messages) {
    return "SELECT message_id, emoji FROM reactions WHERE user_id = ? AND message_id IN "
        + InLists.placeholders(messages);
  }

  @Override
  public CompletionStage<Boolean> set(Message message, UserId user, String emoji, boolean on) {
    return store.write(
        session -> {
          boolean changed = change(session, on ? ADD : REMOVE, message.id(), user, emoji);
          return on != changed;
        });
  }

  @Override
  public CompletionStage<Map<MessageId, Set<String>>> mine(
      UserId user, Collection<MessageId> messages) {
    if (messages.isEmpty()) {
      return CompletableFuture.completedStage(Map.of());
    }
    List<String> keys = messages.stream().map(MessageId::value).distinct().toList();
    return store.read(
        session -> {
          Map<MessageId, Set<String>> found = new HashMap<>();
          for (List<String> chunk : InLists.chunks(keys)) {
            try (PreparedStatement query =
                session.connection().prepareStatement(mine(chunk.size()))) {
              query.setString(1, user.value());
              InLists.bind(query, 2, chunk);
              try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                  found
                      .computeIfAbsent(MessageId.of(rows.getString(1)), m -> new HashSet<>())
                      .add(rows.getString(2));
                }
              }
            }
          }
          return found;
        });
  }

  @Override
  public CompletionStage<Long> count(MessageId message, String emoji) {
    return store.read(
        session -> {
          PreparedStatement query = session.statement(COUNT);
          query.setString(1, message.value());
          query.setString(2, emoji);
          try (ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
          }
        });
  }

  /**
   * Stores one user's reaction as given, inside a write someone else opened: for the one-time
   * import of an older store.
   */
  static void importReaction(Session session, MessageId message, UserId user, String emoji)
      throws SQLException {
    change(session, ADD, message, user, emoji);
  }

  /** Adds or removes one row; answers whether it did. */
  private static boolean change(
      Session session, String sql, MessageId message, UserId user, String emoji)
      throws SQLException {
    PreparedStatement change = session.statement(sql);
    change.setString(1, message.value());
    change.setString(2, user.value());
    change.setString(3, emoji);
    return change.executeUpdate() == 1;
  }

  /** Drops every reaction to a message, inside the write that deletes it for everyone. */
  static void forget(Session session, MessageId message) throws SQLException {
    PreparedStatement forget = session.statement(FORGET);
    forget.setString(1, message.value());
    forget.executeUpdate();
  }
}
