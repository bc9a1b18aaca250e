package io.chat.adapter.ws.engineio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.adapter.ws.transport.JettySocket;
import io.chat.adapter.ws.transport.Origins;
import io.chat.adapter.ws.transport.TransportSettings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * Engine.IO 4 at {@code /socket.io/}: the polling handshake, long-polling GETs, POSTs of packets,
 * and WebSocket upgrades (direct, or probes of a polling session), with CORS from the configured
 * origins only. Each new session is handed to the {@link EngineIoHandler} above. Written for this
 * server rather than taken from a library: the Java Socket.IO servers available either lack a hook
 * for authenticating {@code CONNECT}, deadlock under polling, or run their own port.
 */
public final class EngineIoServlet extends JettyWebSocketServlet {
  private static final String SESSION = EngineIoServlet.class.getName() + ".session";
  private static final String PROBE = EngineIoServlet.class.getName() + ".probe";

  private final transient TransportSettings settings;
  private final transient ScheduledExecutorService timers;
  private final transient Origins origins;
  private final transient EngineIoHandler handler;
  private final transient ConcurrentHashMap<String, EngineSession> sessions =
      new ConcurrentHashMap<>();

  public EngineIoServlet(
      TransportSettings settings,
      ScheduledExecutorService timers,
      Origins origins,
      EngineIoHandler handler) {
    this.settings = settings;
    this.timers = timers;
    this.origins = origins;
    this.handler = handler;
  }

  @Override
  protected void configure(JettyWebSocketServletFactory factory) {
    JettySocket.configure(
        factory,
        settings,
        (request, response) -> {
          HttpServletRequest http = request.getHttpServletRequest();
          int queueLimit = settings.outboundQueueLimit();
          EngineSession existing = (EngineSession) http.getAttribute(PROBE);
          if (existing != null) {
            return new JettySocket(EngineWebSocket.probe(queueLimit, existing));
          }
          EngineSession created = (EngineSession) http.getAttribute(SESSION);
          return new JettySocket(
              EngineWebSocket.direct(
                  queueLimit, created, () -> sessions.put(created.sid(), created)));
        });
  }

  /** Ends every session still open now, such as on shutdown. */
  public void abortAll(CloseReason reason) {
    List.copyOf(sessions.values()).forEach(session -> session.abort(reason));
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String origin = request.getHeader("Origin");
    if (!origins.allows(origin, request)) {
      engineError(response, 403, 4, "Forbidden");
      return;
    }
    if (origin != null) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Allow-Credentials", "true");
      response.setHeader("Vary", "Origin");
    }
    if ("OPTIONS".equals(request.getMethod())) {
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      response.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization");
      response.setHeader("Access-Control-Max-Age", "600");
      response.setStatus(204);
      return;
    }
    if (!"4".equals(request.getParameter("EIO"))) {
      engineError(response, 400, 5, "Unsupported protocol version");
      return;
    }
    String transport = request.getParameter("transport");
    String sid = request.getParameter("sid");
    boolean upgrade = request.getHeader("Sec-WebSocket-Version") != null;
    if (upgrade) {
      upgradeRequest(request, response, transport, sid);
      return;
    }
    if (!"polling".equals(transport)) {
      engineError(response, 400, 0, "Transport unknown");
      return;
    }
    if (sid == null) {
      if (!"GET".equals(request.getMethod())) {
        engineError(response, 400, 2, "Bad handshake method");
        return;
      }
      EngineSession session = newSession(request);
      sessions.put(session.sid(), session);
      session.startHeartbeat();
      writeText(response, session.handshake(true));
      return;
    }
    EngineSession session = sessions.get(sid);
    if (session == null) {
      engineError(response, 400, 1, "Session ID unknown");
      return;
    }
    switch (request.getMethod()) {
      case "GET" -> session.poll(request, response);
      case "POST" -> post(session, request, response);
      default -> engineError(response, 400, 3, "Bad request");
    }
  }

  private void upgradeRequest(
      HttpServletRequest request, HttpServletResponse response, String transport, String sid)
      throws ServletException, IOException {
    if (!"websocket".equals(transport)) {
      engineError(response, 400, 3, "Bad request");
      return;
    }
    if (sid != null) {
      EngineSession session = sessions.get(sid);
      if (session == null) {
        engineError(response, 400, 1, "Session ID unknown");
        return;
      }
      request.setAttribute(PROBE, session);
    } else {
      request.setAttribute(SESSION, newSession(request));
    }
    super.service(request, response);
  }

  private void post(EngineSession session, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int limit = settings.transportLimitBytes();
    if (request.getContentLengthLong() > limit) {
      engineError(response, 413, 3, "Payload too large");
      session.abort(CloseReason.TRANSPORT_LIMIT);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(limit + 1);
    }
    if (body.length > limit) {
      engineError(response, 413, 3, "Payload too large");
      session.abort(CloseReason.TRANSPORT_LIMIT);
      return;
    }
    session.receivePolled(new String(body, StandardCharsets.UTF_8));
    writeText(response, "ok");
  }

  /** A session of the handshake {@code request}, which the handler above may read meanwhile. */
  private EngineSession newSession(HttpServletRequest request) {
    return new EngineSession(
        settings,
        timers,
        gone -> sessions.remove(gone.sid(), gone),
        session -> handler.open(session, request));
  }

  private static void writeText(HttpServletResponse response, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** Engine.IO's own error body: {@code {"code", "message"}}. */
  static void engineError(HttpServletResponse response, int status, int code, String message)
      throws IOException {
    byte[] bytes =
        JsonNodeFactory.instance
            .objectNode()
            .put("code", code)
            .put("message", message)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
