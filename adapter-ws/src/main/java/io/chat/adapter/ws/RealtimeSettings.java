package io.chat.adapter.ws;

import io.chat.adapter.ws.transport.TransportSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the realtime adapter: which browser origins may connect (an empty list allows only
 * clients that send no {@code Origin}, such as native apps; {@code "*"} allows every origin), the
 * largest packet an event may be, how many server events may wait for a slow client before it is
 * disconnected, how many client events a connection may have in flight and how fast it may send
 * them, and the Engine.IO heartbeat.
 */
public record RealtimeSettings(
    List<String> allowedOrigins,
    int maxMessageBytes,
    int outboundQueueLimit,
    int inboundInFlightLimit,
    double eventsPerSecond,
    int eventBurst,
    Duration pingInterval,
    Duration pingTimeout,
    Clock clock) {

  public RealtimeSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(pingTimeout, "pingTimeout");
    Objects.requireNonNull(clock, "clock");
    if (maxMessageBytes < 1024
        || outboundQueueLimit < 1
        || inboundInFlightLimit < 1
        || eventsPerSecond <= 0
        || eventBurst < 1
        || pingInterval.toMillis() < 1
        || pingTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("realtime limits are positive");
    }
  }

  /**
   * The protocol's defaults: packets of 64 KiB, 1,000 queued events per connection, 64 in flight,
   * 50 events a second in bursts of 100, pings every 25 s answered within 20 s.
   */
  public static RealtimeSettings defaults(List<String> allowedOrigins) {
    return new RealtimeSettings(
        allowedOrigins,
        64 * 1024,
        1_000,
        64,
        50,
        100,
        Duration.ofSeconds(25),
        Duration.ofSeconds(20),
        Clock.systemUTC());
  }

  public RealtimeSettings withMaxMessageBytes(int bytes) {
    return new RealtimeSettings(
        allowedOrigins,
        bytes,
        outboundQueueLimit,
        inboundInFlightLimit,
        eventsPerSecond,
        eventBurst,
        pingInterval,
        pingTimeout,
        clock);
  }

  public RealtimeSettings withOutboundQueueLimit(int limit) {
    return new RealtimeSettings(
        allowedOrigins,
        maxMessageBytes,
        limit,
        inboundInFlightLimit,
        eventsPerSecond,
        eventBurst,
        pingInterval,
        pingTimeout,
        clock);
  }

  public RealtimeSettings withEventRate(double perSecond, int burst) {
    return new RealtimeSettings(
        allowedOrigins,
        maxMessageBytes,
        outboundQueueLimit,
        inboundInFlightLimit,
        perSecond,
        burst,
        pingInterval,
        pingTimeout,
        clock);
  }

  public RealtimeSettings withHeartbeat(Duration interval, Duration timeout) {
    return new RealtimeSettings(
        allowedOrigins,
        maxMessageBytes,
        outboundQueueLimit,
        inboundInFlightLimit,
        eventsPerSecond,
        eventBurst,
        interval,
        timeout,
        clock);
  }

  /** The transport's own hard limit: past it a frame is not even read, the socket is closed. */
  int transportLimitBytes() {
    return maxMessageBytes * 4;
  }

  /** What the transports and protocols need of these settings. */
  TransportSettings transport() {
    return new TransportSettings(
        maxMessageBytes, transportLimitBytes(), outboundQueueLimit, pingInterval, pingTimeout);
  }
}
