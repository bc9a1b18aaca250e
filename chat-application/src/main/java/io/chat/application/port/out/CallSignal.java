package io.chat.application.port.out;

import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallType;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the server tells devices about a call, each with its event name. */
public sealed interface CallSignal {

  CallId callId();

  /** The event name on the wire. */
  String name();

  /** {@code call:invite}: the callee's devices ring. */
  record Invite(CallId callId, ChatId chatId, CallType callType, UserId from, Instant startedAt)
      implements CallSignal {
    @Override
    public String name() {
      return "call:invite";
    }
  }

  /** {@code call:ringing}: the caller's other devices show that it rings. */
  record Ringing(CallId callId, ChatId chatId, CallType callType, UserId to, Instant startedAt)
      implements CallSignal {
    @Override
    public String name() {
      return "call:ringing";
    }
  }

  /** {@code call:accept}: to the caller's device in the call, the callee answered. */
  record Accepted(CallId callId, UserId from) implements CallSignal {
    @Override
    public String name() {
      return "call:accept";
    }
  }

  /**
   * {@code call:rejoined}: to the callee's device in the call, the caller's side is now on another
   * device (it came back or moved), which makes a new offer: drop the old peer connection.
   */
  record Rejoined(CallId callId, UserId from) implements CallSignal {
    @Override
    public String name() {
      return "call:rejoined";
    }
  }

  /**
   * {@code call:answered-elsewhere}: a device of the user's that is not in the call (or no longer:
   * another of theirs took their side over).
   */
  record AnsweredElsewhere(CallId callId) implements CallSignal {
    @Override
    public String name() {
      return "call:answered-elsewhere";
    }
  }

  /**
   * {@code call:reject}: to the caller's devices, the callee declined (before {@code call:end}).
   */
  record Rejected(CallId callId, UserId from) implements CallSignal {
    @Override
    public String name() {
      return "call:reject";
    }
  }

  /** {@code call:end}: how the call ended, who ended it, how long it lasted. */
  record Ended(CallId callId, CallOutcome outcome, Optional<UserId> by, long durationSeconds)
      implements CallSignal {
    public Ended {
      Objects.requireNonNull(by, "by");
    }

    @Override
    public String name() {
      return "call:end";
    }
  }

  /**
   * A signal of one device for the other ({@code call:offer}, {@code call:answer}, {@code
   * call:ice-candidate}, {@code call:mute}, {@code call:video}, {@code call:camera-switch}): {@code
   * fields} is the JSON object of what the sender sent besides {@code callId}, as the sender wrote
   * it; {@code from} is who they are.
   */
  record Relayed(String name, CallId callId, UserId from, String fields) implements CallSignal {
    public Relayed {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(fields, "fields");
    }
  }
}
