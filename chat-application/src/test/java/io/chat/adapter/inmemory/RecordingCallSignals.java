package io.chat.adapter.inmemory;

import io.chat.application.port.out.CallSignal;
import io.chat.application.port.out.CallSignals;
import io.chat.domain.call.DeviceId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Call signals recorded with their audience, for tests to read back in order. */
public final class RecordingCallSignals implements CallSignals {

  /** To whom: a user's devices ({@code device} and {@code except} empty), one, or all but one. */
  public record Delivery(
      UserId user, Optional<DeviceId> device, Optional<DeviceId> except, CallSignal signal) {

    /** Whether {@code device} of {@code user} got it. */
    public boolean reaches(UserId someone, DeviceId one) {
      return user.equals(someone)
          && device.map(one::equals).orElse(true)
          && except.map(e -> !e.equals(one)).orElse(true);
    }
  }

  private final List<Delivery> deliveries = new ArrayList<>();

  @Override
  public synchronized void toUser(UserId user, CallSignal signal) {
    deliveries.add(new Delivery(user, Optional.empty(), Optional.empty(), signal));
  }

  @Override
  public synchronized void toOtherDevices(UserId user, DeviceId except, CallSignal signal) {
    deliveries.add(new Delivery(user, Optional.empty(), Optional.of(except), signal));
  }

  @Override
  public synchronized void toDevice(UserId user, DeviceId device, CallSignal signal) {
    deliveries.add(new Delivery(user, Optional.of(device), Optional.empty(), signal));
  }

  public synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The signals that reached {@code device} of {@code user}, in order. */
  public synchronized List<CallSignal> heardBy(UserId user, DeviceId device) {
    return deliveries.stream().filter(d -> d.reaches(user, device)).map(Delivery::signal).toList();
  }

  public synchronized void clear() {
    deliveries.clear();
  }
}
