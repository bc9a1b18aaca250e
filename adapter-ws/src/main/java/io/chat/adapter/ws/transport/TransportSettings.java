package io.chat.adapter.ws.transport;

import java.time.Duration;

/**
 * What the transports and protocols need of the realtime settings: the largest event, the
 * transport's own hard limit on a frame or a polling body, how many packets may wait for a slow
 * client, and the heartbeat.
 */
public record TransportSettings(
    int maxMessageBytes,
    int transportLimitBytes,
    int outboundQueueLimit,
    Duration pingInterval,
    Duration pingTimeout) {}
