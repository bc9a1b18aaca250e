package io.chat.adapter.ws.socketio;

import io.chat.adapter.ws.engineio.EngineIoHandler;
import io.chat.adapter.ws.engineio.EngineSession;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientGate;
import jakarta.servlet.http.HttpServletRequest;

/** Socket.IO v5 over Engine.IO: each Engine.IO session that opens gets its Socket.IO client. */
public final class SocketIoServer implements EngineIoHandler {
  private final ClientGate gate;
  private final BoundedJson json;
  private final int maxMessageBytes;

  /** Clients are admitted by {@code gate}; an event may be {@code maxMessageBytes} at most. */
  public SocketIoServer(ClientGate gate, BoundedJson json, int maxMessageBytes) {
    this.gate = gate;
    this.json = json;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** The handshake's query parameter {@code auth} and header are among the places of a token. */
  @Override
  public EngineSession.Listener open(EngineSession session, HttpServletRequest handshake) {
    return new SocketIoClient(
        session,
        gate,
        json,
        maxMessageBytes,
        handshake.getParameter("auth"),
        handshake.getHeader("Authorization"));
  }
}
