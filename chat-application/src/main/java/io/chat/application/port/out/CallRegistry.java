package io.chat.application.port.out;

import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.user.UserId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the calls, live and lately ended. A user is in at most one live call; every change
 * is a compare-and-set over the version it was made from, so that two nodes (or two events) racing
 * on one call cannot both win. Ended calls are kept a while, so that a late or retried action on
 * one is told it ended rather than that it never was.
 */
public interface CallRegistry {

  /** The outcome of {@link #place}. */
  enum Placed {
    PLACED,
    /** A call with this id exists already (look it up: it may be the same caller's retry). */
    ID_TAKEN,
    /** The caller is in a live call. */
    CALLER_BUSY,
    /** The callee is in a live call. */
    CALLEE_BUSY
  }

  /**
   * Stores a new call: a live one only while neither of its users is in a live call, an ended one
   * (a busy call) whenever its id is free.
   */
  CompletionStage<Placed> place(Call call);

  CompletionStage<Optional<Call>> find(CallId id);

  /** The live call {@code user} is in, if any. */
  CompletionStage<Optional<Call>> liveCallOf(UserId user);

  /**
   * Replaces the stored call with {@code next} (the same call, later) only while the stored one is
   * still at {@code expectedVersion}; answers whether it did. A call that ends frees its users.
   */
  CompletionStage<Boolean> replace(long expectedVersion, Call next);
}
