package io.chat.application.port.in;

import io.chat.domain.call.CallId;
import io.chat.domain.call.CallType;
import io.chat.domain.call.DeviceId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * A call from {@code caller}'s {@code device} to another user, named by id ({@code to}) or by the
 * chat of two they share ({@code chatId}), exactly one of the two; {@code callId} is the client's
 * own, or the server makes one.
 */
public record InviteCall(
    UserId caller,
    DeviceId device,
    Optional<UserId> to,
    Optional<ChatId> chatId,
    CallType callType,
    Optional<CallId> callId) {

  public InviteCall {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(callType, "callType");
    Objects.requireNonNull(callId, "callId");
    if (to.isPresent() == chatId.isPresent()) {
      throw new InvalidArgumentException(
          "Name the callee by to or the chat by chatId (one of them)");
    }
  }

  /** The same invite with no id of the client's: the server makes one. */
  public InviteCall withServerId() {
    return new InviteCall(caller, device, to, chatId, callType, Optional.empty());
  }
}
