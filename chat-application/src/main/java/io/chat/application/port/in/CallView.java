package io.chat.application.port.in;

import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallState;
import io.chat.domain.call.CallType;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** A call as its users see it: no devices, which are the server's business. */
public record CallView(
    CallId callId,
    ChatId chatId,
    CallType callType,
    UserId caller,
    UserId callee,
    CallState state,
    Instant startedAt,
    Optional<CallOutcome> outcome,
    long durationSeconds) {

  public static CallView of(Call call) {
    return new CallView(
        call.id(),
        call.chatId(),
        call.type(),
        call.caller(),
        call.callee(),
        call.state(),
        call.startedAt(),
        call.outcome(),
        call.durationSeconds());
  }
}
