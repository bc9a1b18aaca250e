package io.chat.application.port.in;

import io.chat.domain.call.CallId;
import io.chat.domain.call.DeviceId;
import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Inbound port: voice and video calls between the two users of a chat of two. The server keeps each
 * call's state (ringing, accepted, ended) and passes signaling only between the two devices in it;
 * media never passes through it. Every action names the acting user and device as authenticated,
 * never as the request says.
 */
public interface CallSignalingUseCase {

  /**
   * Rings the callee's devices; a retry of the same call id by the same caller answers it again.
   */
  CompletionStage<CallView> invite(InviteCall invite);

  /**
   * The callee takes a ringing call on {@code device}; or a user whose device in an accepted call
   * went away takes it back on {@code device}.
   */
  CompletionStage<CallView> accept(UserId user, DeviceId device, CallId call);

  /** The callee declines a ringing call. */
  CompletionStage<CallView> reject(UserId user, CallId call);

  /** Either user hangs up (the caller cancels a ringing call). */
  CompletionStage<CallView> hangUp(UserId user, CallId call);

  /**
   * Passes a signal ({@code call:offer}, {@code call:answer}, {@code call:ice-candidate}, {@code
   * call:mute}, {@code call:video}, {@code call:camera-switch}) from {@code device}, which must be
   * the user's device in the accepted call, to the other device in it. {@code fields} is the JSON
   * object the client sent besides {@code callId}.
   */
  CompletionStage<Void> relay(
      UserId user, DeviceId device, CallId call, String event, String fields);

  /**
   * {@code device} of {@code user} disconnected: if it is in a live call, that side is away, and
   * the call fails unless the user comes back within the grace period.
   */
  CompletionStage<Void> deviceGone(UserId user, DeviceId device);

  /**
   * The devices of {@code user} that {@code gone} accepts went away without a word (the node that
   * held their connections died): if the user's device in a live call is one of them, that side is
   * away as after {@link #deviceGone}, and the call fails unless the user comes back within the
   * grace period, timed here (the node that would have timed it is gone).
   */
  CompletionStage<Void> devicesGone(UserId user, Predicate<DeviceId> gone);
}
