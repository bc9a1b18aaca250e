package io.chat.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ICE servers of a peer connection, and for how many seconds their credentials hold: STUN
 * entries have only URLs, a TURN entry a username and credential too.
 */
public record IceServers(List<Server> servers, long ttlSeconds) {

  public IceServers {
    servers = List.copyOf(servers);
  }

  /** One entry of {@code RTCConfiguration.iceServers}. */
  public record Server(List<String> urls, Optional<String> username, Optional<String> credential) {
    public Server {
      urls = List.copyOf(urls);
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(credential, "credential");
    }
  }
}
