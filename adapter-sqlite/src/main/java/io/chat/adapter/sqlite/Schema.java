package io.chat.adapter.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The schema, as numbered migrations. At open, every migration the file lacks runs in one
 * transaction together with the new version number: a crash leaves the old schema or the new one,
 * never half of it. A file from a newer release (a higher version than known) is refused.
 */
final class Schema {
  /** Migration n is {@code MIGRATIONS.get(n - 1)}; each is a list of statements. */
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              // One profile per user id.
              """
              CREATE TABLE users (
                id TEXT PRIMARY KEY,
                full_name TEXT NOT NULL,
                profile_pic TEXT,
                verified INTEGER NOT NULL
              ) WITHOUT ROWID""",
              // A block is (blocker, blocked); the primary key serves a blocker's pages by blocked
              // id and the either-way test, the second index the "who blocks me" half.
              """
              CREATE TABLE blocks (
                blocker TEXT NOT NULL,
                blocked TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (blocker, blocked)
              ) WITHOUT ROWID""",
              "CREATE INDEX blocks_by_blocked ON blocks (blocked, blocker)",
              // At most one mute per user and chat; until is epoch milliseconds, null for ever.
              """
              CREATE TABLE mutes (
                user_id TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                until INTEGER,
                PRIMARY KEY (user_id, chat_id)
              ) WITHOUT ROWID""",
              // A token belongs to one user at a time: the token is the key.
              """
              CREATE TABLE push_tokens (
                token TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                platform TEXT
              ) WITHOUT ROWID""",
              "CREATE INDEX push_tokens_by_user ON push_tokens (user_id, token)"),
          concat(ChatTables.STATEMENTS, MessageTables.STATEMENTS));

  private Schema() {}

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  /** The version this code writes and reads. */
  static int current() {
    return MIGRATIONS.size();
  }

  /** Brings the file to {@link #current()}; runs on the writer's session before it takes writes. */
  static void migrate(Session session) throws SQLException {
    session.execute("BEGIN IMMEDIATE");
    try {
      session.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int version = version(session);
      if (version > current()) {
        throw new IllegalStateException(
            "The store's schema is version "
                + version
                + ", newer than this release's "
                + current()
                + ": use the release that wrote it");
      }
      for (int next = version + 1; next <= current(); next++) {
        for (String statement : MIGRATIONS.get(next - 1)) {
          session.execute(statement);
        }
      }
      if (version < current()) {
        session.execute("DELETE FROM schema_version");
        session.execute("INSERT INTO schema_version (version) VALUES (" + current() + ")");
      }
      session.execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      try {
        session.execute("ROLLBACK");
      } catch (SQLException ignored) {
        // The failure that matters is the first one.
      }
      throw e;
    }
  }

  static int version(Session session) throws SQLException {
    try (var statement = session.connection().createStatement();
        ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
