/**
 * The plain JSON WebSocket at {@code /ws}: the upgrade decided before it happens (origin, token
 * admitted by the chat layer's {@code ClientGate}), then one JSON object per frame each way, and
 * WebSocket pings for a heartbeat.
 */
package io.chat.adapter.ws.plain;
