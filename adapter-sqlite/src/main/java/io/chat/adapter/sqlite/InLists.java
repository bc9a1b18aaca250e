package io.chat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code IN (?, ?, ...)} lists, cut to a size SQLite takes in one statement. */
final class InLists {
  /** Well under SQLite's limit of bound parameters (32,766 since 3.32). */
  static final int CHUNK = 500;

  private InLists() {}

  static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += CHUNK) {
      chunks.add(values.subList(i, Math.min(values.size(), i + CHUNK)));
    }
    return chunks;
  }

  /** {@code (?, ?, ?)} for {@code count} values. */
  static String placeholders(int count) {
    return "(" + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
  }

  /** Binds the values from parameter {@code first} on. */
  static void bind(PreparedStatement statement, int first, List<String> values)
      throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setString(first + i, values.get(i));
    }
  }
}
