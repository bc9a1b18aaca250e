package io.chat.adapter.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import io.chat.application.port.out.StoreUnavailableException;
import io.chat.domain.shared.Failures;

/**
 * The one place where driver failures get their meaning for the application: a store that cannot be
 * reached or does not answer in time is {@link StoreUnavailableException}; a duplicate key is
 * recognised here and resolved by the repository that caused it; anything else is a bug and stays
 * as it is.
 */
final class StoreErrors {
  private static final int DUPLICATE_KEY = 11000;

  private StoreErrors() {}

  static Throwable translate(Throwable error) {
    Throwable cause = Failures.unwrapped(error);
    if (cause instanceof StoreUnavailableException) {
      return cause;
    }
    return isUnavailable(cause) ? new StoreUnavailableException(cause) : cause;
  }

  static boolean isUnavailable(Throwable error) {
    return error instanceof MongoTimeoutException // includes "timed out waiting for a server"
        || error instanceof MongoOperationTimeoutException
        || error instanceof MongoExecutionTimeoutException
        || error instanceof MongoSocketException
        || error instanceof MongoInterruptedException
        // Operations waiting for a connection when another one found the server gone.
        || error instanceof MongoConnectionPoolClearedException
        || error instanceof MongoNotPrimaryException
        || error instanceof MongoNodeIsRecoveringException
        || error instanceof MongoWriteConcernException
        || (error instanceof MongoClientException
            && String.valueOf(error.getMessage()).contains("state should be: open"))
        || (error instanceof MongoException mongo
            && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || mongo.hasErrorLabel("RetryableWriteError")));
  }

  /** Whether the failure is a unique index refusing a second document with the same key. */
  static boolean isDuplicateKey(Throwable error) {
    Throwable cause = Failures.unwrapped(error);
    if (cause instanceof MongoWriteException write) {
      return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
    return cause instanceof MongoCommandException command
        && command.getErrorCode() == DUPLICATE_KEY;
  }
}
