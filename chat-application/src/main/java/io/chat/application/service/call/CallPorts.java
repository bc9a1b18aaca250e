package io.chat.application.service.call;

import io.chat.application.port.out.CallRegistry;
import io.chat.application.port.out.CallSignals;
import io.chat.application.port.out.SendRateLimit;
import io.chat.application.port.out.Timers;
import io.chat.application.port.out.TurnSecret;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbound ports of calls, besides the chat core's: where live calls are kept, how signals
 * reach devices, the timers, the invite limit, and the TURN secret when TURN is configured.
 */
public record CallPorts(
    CallRegistry registry,
    CallSignals signals,
    Timers timers,
    SendRateLimit invites,
    Optional<TurnSecret> turnSecret) {

  public CallPorts {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(timers, "timers");
    Objects.requireNonNull(invites, "invites");
    Objects.requireNonNull(turnSecret, "turnSecret");
  }
}
