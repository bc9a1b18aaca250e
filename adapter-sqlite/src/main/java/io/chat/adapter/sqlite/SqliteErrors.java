package io.chat.adapter.sqlite;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.domain.shared.Failures;
import java.sql.SQLException;
import java.util.concurrent.RejectedExecutionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one place where database failures get their meaning for the application: a store that is
 * closed, locked, out of disk or failing its input/output is {@link StoreUnavailableException}; a
 * constraint the adapter does not expect and anything else is a bug and stays as it is.
 */
final class SqliteErrors {
  private SqliteErrors() {}

  static Throwable translate(Throwable error) {
    Throwable cause = Failures.unwrapped(error);
    if (cause instanceof StoreUnavailableException) {
      return cause;
    }
    return isUnavailable(cause) ? new StoreUnavailableException(cause) : cause;
  }

  static boolean isUnavailable(Throwable error) {
    if (error instanceof RejectedExecutionException || error instanceof InterruptedException) {
      return true;
    }
    if (error instanceof SQLiteException sqlite) {
      return isUnavailable(sqlite.getResultCode());
    }
    // The driver reports a closed connection or statement without a result code.
    return error instanceof SQLException sql
        && String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("closed");
  }

  private static boolean isUnavailable(SQLiteErrorCode code) {
    return switch (primary(code)) {
      case SQLITE_BUSY,
          SQLITE_LOCKED,
          SQLITE_IOERR,
          SQLITE_FULL,
          SQLITE_CANTOPEN,
          SQLITE_READONLY,
          SQLITE_NOMEM,
          SQLITE_INTERRUPT,
          SQLITE_MISUSE ->
          true;
      default -> false;
    };
  }

  /** Extended codes (SQLITE_IOERR_FSYNC, ...) carry their primary code in the low byte. */
  private static SQLiteErrorCode primary(SQLiteErrorCode code) {
    return SQLiteErrorCode.getErrorCode(code.code & 0xff);
  }
}
