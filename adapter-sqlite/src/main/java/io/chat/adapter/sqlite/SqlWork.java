package io.chat.adapter.sqlite;

import java.sql.SQLException;

/** A piece of work on one session: a write run by the writer, or a read run by a reader. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Session session) throws SQLException;
}
