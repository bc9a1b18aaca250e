package io.chat.adapter.sqlite;

import io.chat.application.port.out.BlockList;
import io.chat.domain.relation.Block;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The blocks table: one row per (blocker, blocked); the writer makes a second add a no-op. */
final class SqliteBlockList implements BlockList {
  static final String ADD =
      "INSERT INTO blocks (blocker, blocked, created_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (blocker, blocked) DO NOTHING";
  static final String REMOVE = "DELETE FROM blocks WHERE blocker = ? AND blocked = ?";
  static final String EITHER_WAY =
      "SELECT 1 FROM blocks WHERE blocker = ? AND blocked = ?"
          + " UNION ALL SELECT 1 FROM blocks WHERE blocker = ? AND blocked = ? LIMIT 1";
  static final String BLOCKED_EITHER_WAY =
      "SELECT blocked FROM blocks WHERE blocker = ?"
          + " UNION SELECT blocker FROM blocks WHERE blocked = ?";
  // Every user id is at least one character: '' is before all of them.
  static final String BLOCKED_BY =
      "SELECT blocked, created_at FROM blocks WHERE blocker = ? AND blocked > ?"
          + " ORDER BY blocked LIMIT ?";

  private final SqliteStore store;

  SqliteBlockList(SqliteStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Boolean> add(Block block) {
    return store.write(
        session -> {
          PreparedStatement add = session.statement(ADD);
          add.setString(1, block.blocker().value());
          add.setString(2, block.blocked().value());
          add.setLong(3, block.createdAt().toEpochMilli());
          return add.executeUpdate() == 1;
        });
  }

  @Override
  public CompletionStage<Boolean> remove(UserId blocker, UserId blocked) {
    return store.write(
        session -> {
          PreparedStatement remove = session.statement(REMOVE);
          remove.setString(1, blocker.value());
          remove.setString(2, blocked.value());
          return remove.executeUpdate() == 1;
        });
  }

  @Override
  public CompletionStage<Boolean> isBlockedEitherWay(UserId a, UserId b) {
    return store.read(
        session -> {
          PreparedStatement query = session.statement(EITHER_WAY);
          query.setString(1, a.value());
          query.setString(2, b.value());
          query.setString(3, b.value());
          query.setString(4, a.value());
          try (ResultSet rows = query.executeQuery()) {
            return rows.next();
          }
        });
  }

  @Override
  public CompletionStage<Set<UserId>> blockedEitherWay(UserId user) {
    return store.read(
        session -> {
          PreparedStatement query = session.statement(BLOCKED_EITHER_WAY);
          query.setString(1, user.value());
          query.setString(2, user.value());
          Set<UserId> users = new HashSet<>();
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              users.add(UserId.of(rows.getString(1)));
            }
          }
          return users;
        });
  }

  @Override
  public CompletionStage<List<Block>> blockedBy(UserId blocker, Optional<UserId> after, int limit) {
    return store.read(
        session -> {
          PreparedStatement query = session.statement(BLOCKED_BY);
          query.setString(1, blocker.value());
          query.setString(2, after.map(UserId::value).orElse(""));
          query.setInt(3, limit);
          List<Block> page = new ArrayList<>();
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              page.add(
                  new Block(
                      blocker,
                      UserId.of(rows.getString(1)),
                      Instant.ofEpochMilli(rows.getLong(2))));
            }
          }
          return page;
        });
  }
}
