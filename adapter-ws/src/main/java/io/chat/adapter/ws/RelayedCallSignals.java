package io.chat.adapter.ws;

import io.chat.application.port.out.CallSignal;
import io.chat.application.port.out.CallSignals;
import io.chat.domain.call.DeviceId;
import io.chat.domain.user.UserId;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call signal port on a node among several: each signal goes, serialized, to the bus that every
 * node reads ({@link RealtimeChat#deliverRelayed}), so that the devices of a call on any node get
 * it, in the bus' one order with the chat's events. Best effort; never throws.
 */
final class RelayedCallSignals implements CallSignals {
  private static final Logger LOG = LoggerFactory.getLogger(RelayedCallSignals.class);

  private final SocketCallSignals payloads;
  private final Consumer<String> bus;

  RelayedCallSignals(SocketCallSignals payloads, Consumer<String> bus) {
    this.payloads = payloads;
    this.bus = bus;
  }

  @Override
  public void toUser(UserId user, CallSignal signal) {
    publish(RelayedSignal.Mode.ALL, user, Optional.empty(), signal);
  }

  @Override
  public void toOtherDevices(UserId user, DeviceId except, CallSignal signal) {
    publish(RelayedSignal.Mode.EXCEPT, user, Optional.of(except), signal);
  }

  @Override
  public void toDevice(UserId user, DeviceId device, CallSignal signal) {
    publish(RelayedSignal.Mode.ONLY, user, Optional.of(device), signal);
  }

  private void publish(
      RelayedSignal.Mode mode, UserId user, Optional<DeviceId> device, CallSignal signal) {
    try {
      bus.accept(
          new RelayedSignal(mode, user, device, signal.name(), payloads.payload(signal)).encode());
    } catch (RuntimeException e) {
      LOG.warn("{} not published", signal.name(), e);
    }
  }
}
