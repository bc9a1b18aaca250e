package io.chat.adapter.http.archviolation;

import java.sql.Connection;

/** JDBC outside the SQLite adapter. */
public final class RestQueriesSql {
  Connection connection;
}
