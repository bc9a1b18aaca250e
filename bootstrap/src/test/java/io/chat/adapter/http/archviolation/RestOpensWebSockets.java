package io.chat.adapter.http.archviolation;

import org.eclipse.jetty.websocket.api.Session;

/** Jetty's WebSocket API in the REST adapter, which may use Jetty but not that. */
public final class RestOpensWebSockets {
  Session session;
}
