package io.chat.application.service.call;

import io.chat.application.port.in.CallSignalingUseCase;
import io.chat.application.port.in.IceServersQuery;
import java.util.Objects;

/** The use cases of calls, built by {@link io.chat.application.service.ChatServices#calls}. */
public record CallServices(CallSignalingUseCase signaling, IceServersQuery iceServers) {
  public CallServices {
    Objects.requireNonNull(signaling, "signaling");
    Objects.requireNonNull(iceServers, "iceServers");
  }
}
