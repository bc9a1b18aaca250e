package io.chat.application.port.out;

import io.chat.domain.call.DeviceId;
import io.chat.domain.user.UserId;

/**
 * Outbound port: call signaling to devices. Unlike {@link ChatEvents}, a signal may be for one
 * device of a user (the one in the call) or for all of a user's devices but one. Best effort, as
 * events are: a device that is not connected hears nothing.
 */
public interface CallSignals {

  /** To every connected device of {@code user}. */
  void toUser(UserId user, CallSignal signal);

  /** To every connected device of {@code user} but {@code except}. */
  void toOtherDevices(UserId user, DeviceId except, CallSignal signal);

  /** To {@code device} of {@code user} only. */
  void toDevice(UserId user, DeviceId device, CallSignal signal);
}
