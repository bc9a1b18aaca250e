/**
 * Engine.IO 4 at {@code /socket.io/}: the servlet (handshake, long-polling, WebSocket upgrades,
 * CORS), sessions with their bounded outbound queue and heartbeat, and the packet codec. It knows
 * nothing of what its messages carry: each new session is handed to an {@link
 * io.chat.adapter.ws.engineio.EngineIoHandler}, whose {@code EngineSession.Listener} hears it.
 */
package io.chat.adapter.ws.engineio;
