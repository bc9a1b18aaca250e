package io.chat.adapter.ws;

import jakarta.servlet.http.HttpServletRequest;

/** Socket.IO v5 over Engine.IO: each Engine.IO session that opens gets its Socket.IO client. */
final class SocketIoServer implements EngineIoHandler {
  private final RealtimeHub hub;

  SocketIoServer(RealtimeHub hub) {
    this.hub = hub;
  }

  /** The handshake's query parameter {@code auth} and header are among the places of a token. */
  @Override
  public EngineSession.Listener open(EngineSession session, HttpServletRequest handshake) {
    return new SocketIoClient(
        session, hub, handshake.getParameter("auth"), handshake.getHeader("Authorization"));
  }
}
