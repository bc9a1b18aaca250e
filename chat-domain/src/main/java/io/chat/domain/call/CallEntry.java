package io.chat.domain.call;

import io.chat.domain.user.UserId;
import java.util.Objects;

/**
 * What the timeline of a chat of two keeps of an ended call: its id, type, outcome, how long it
 * lasted once accepted (0 if it never was), and who called whom.
 */
public record CallEntry(
    CallId callId,
    CallType callType,
    CallOutcome outcome,
    long durationSeconds,
    UserId caller,
    UserId callee) {

  public CallEntry {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(callType, "callType");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    if (durationSeconds < 0) {
      throw new IllegalArgumentException("a call lasts 0 seconds or more");
    }
    if (outcome != CallOutcome.COMPLETED && durationSeconds != 0) {
      throw new IllegalArgumentException("only a completed call has a duration");
    }
  }
}
