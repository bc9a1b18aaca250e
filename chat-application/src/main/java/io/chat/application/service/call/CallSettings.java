package io.chat.application.service.call;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How calls behave: how long a call rings before it is missed, how long a side may be away before
 * the call fails, how many calls a user may place a minute, and the ICE servers clients are given
 * (STUN URLs, TURN URLs, and how long a TURN credential holds).
 */
public record CallSettings(
    Duration ringTimeout,
    Duration disconnectGrace,
    int invitesPerMinute,
    List<String> stunUrls,
    List<String> turnUrls,
    Duration turnTtl) {

  /** The largest offer, answer, candidate or other signal passed on, in bytes of JSON. */
  public static final int MAX_SIGNAL_BYTES = 64 * 1024;

  public CallSettings {
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    Objects.requireNonNull(disconnectGrace, "disconnectGrace");
    Objects.requireNonNull(turnTtl, "turnTtl");
    stunUrls = List.copyOf(stunUrls);
    turnUrls = List.copyOf(turnUrls);
    if (ringTimeout.isNegative()
        || ringTimeout.isZero()
        || disconnectGrace.isNegative()
        || invitesPerMinute < 1
        || turnTtl.getSeconds() < 1) {
      throw new IllegalArgumentException("call timeouts and limits are positive");
    }
  }

  /**
   * 45 s of ringing, 10 s of grace, 10 calls a minute, no ICE servers, TURN credentials for 1 h.
   */
  public static CallSettings defaults() {
    return new CallSettings(
        Duration.ofSeconds(45),
        Duration.ofSeconds(10),
        10,
        List.of(),
        List.of(),
        Duration.ofHours(1));
  }

  public CallSettings withRingTimeout(Duration timeout) {
    return new CallSettings(
        timeout, disconnectGrace, invitesPerMinute, stunUrls, turnUrls, turnTtl);
  }

  public CallSettings withDisconnectGrace(Duration grace) {
    return new CallSettings(ringTimeout, grace, invitesPerMinute, stunUrls, turnUrls, turnTtl);
  }

  public CallSettings withInvitesPerMinute(int perMinute) {
    return new CallSettings(ringTimeout, disconnectGrace, perMinute, stunUrls, turnUrls, turnTtl);
  }

  public CallSettings withIceServers(List<String> stun, List<String> turn, Duration ttl) {
    return new CallSettings(ringTimeout, disconnectGrace, invitesPerMinute, stun, turn, ttl);
  }
}
