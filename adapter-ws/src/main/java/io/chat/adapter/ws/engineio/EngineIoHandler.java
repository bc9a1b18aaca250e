package io.chat.adapter.ws.engineio;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The protocol above Engine.IO: it is handed each session as the session opens, and answers what
 * hears that session's messages. Engine.IO knows nothing more of it.
 */
public interface EngineIoHandler {
  /**
   * A client's handshake opened {@code session}. {@code handshake} is the request that opened it,
   * to be read during this call only (the server recycles it); nothing may be sent yet.
   */
  EngineSession.Listener open(EngineSession session, HttpServletRequest handshake);
}
