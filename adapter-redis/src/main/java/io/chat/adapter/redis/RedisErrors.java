package io.chat.adapter.redis;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.domain.shared.Failures;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one place where Redis failures get their meaning for the application: a Redis that cannot be
 * reached, does not answer in time, is loading, busy, read-only (a replica after a failover) or not
 * connected is {@link StoreUnavailableException}; anything else (a script error, a wrong type) is a
 * bug and stays as it is.
 */
final class RedisErrors {
  /** Error replies of a Redis that will answer again later (the reply's first word). */
  private static final List<String> TRANSIENT_REPLIES =
      List.of("LOADING", "BUSY", "READONLY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

  private RedisErrors() {}

  static Throwable translate(Throwable error) {
    Throwable cause = Failures.unwrapped(error);
    if (cause instanceof StoreUnavailableException) {
      return cause;
    }
    return isUnavailable(cause) ? new StoreUnavailableException(cause) : cause;
  }

  static boolean isUnavailable(Throwable error) {
    if (error instanceof RedisConnectionException
        || error instanceof RedisCommandTimeoutException
        || error instanceof RedisCommandInterruptedException
        || error instanceof RedisLoadingException
        || error instanceof RedisBusyException
        || error instanceof RedisReadOnlyException
        || error instanceof IOException
        || error instanceof RejectedExecutionException
        // Commands cancelled when the client is shut down or the connection reset.
        || error instanceof CancellationException) {
      return true;
    }
    if (error instanceof RedisCommandExecutionException reply) {
      String message = String.valueOf(reply.getMessage());
      return TRANSIENT_REPLIES.stream().anyMatch(word -> message.startsWith(word + " "));
    }
    // Lettuce's own states: "Currently not connected. Commands are rejected.", "Connection closed",
    // "Connection is closed", "Connection disconnected" (a command sent as the connection dropped).
    if (error instanceof RedisException) {
      String message = String.valueOf(error.getMessage()).toLowerCase(java.util.Locale.ROOT);
      return message.contains("not connected")
          || message.contains("connection closed")
          || message.contains("connection is closed")
          || message.contains("connection disconnected");
    }
    return false;
  }
}
