package io.chat.adapter.ws.plain;

import io.chat.adapter.wire.Envelope;
import io.chat.adapter.wire.ErrorTable;
import io.chat.adapter.ws.transport.Bearer;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientGate;
import io.chat.adapter.ws.transport.CompactMode;
import io.chat.adapter.ws.transport.JettySocket;
import io.chat.adapter.ws.transport.Origins;
import io.chat.adapter.ws.transport.Refusal;
import io.chat.adapter.ws.transport.TransportSettings;
import io.chat.domain.shared.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain JSON WebSocket at {@code /ws}. The upgrade is decided before it happens: 403 from an
 * origin outside the list, 401 without a token, and the {@link ClientGate}'s refusal of a token.
 * The token is verified asynchronously (the request is suspended, then dispatched again to
 * upgrade), so no server thread waits for it.
 */
public final class PlainWebSocketServlet extends JettyWebSocketServlet {
  private static final Logger LOG = LoggerFactory.getLogger(PlainWebSocketServlet.class);
  private static final String ADMISSION = PlainWebSocketServlet.class.getName() + ".admission";
  private static final long AUTH_TIMEOUT_MS = 30_000;

  private final transient TransportSettings settings;
  private final transient ScheduledExecutorService timers;
  private final transient BoundedJson json;
  private final transient Origins origins;
  private final transient ClientGate gate;

  public PlainWebSocketServlet(
      TransportSettings settings,
      ScheduledExecutorService timers,
      BoundedJson json,
      Origins origins,
      ClientGate gate) {
    this.settings = settings;
    this.timers = timers;
    this.json = json;
    this.origins = origins;
    this.gate = gate;
  }

  @Override
  protected void configure(JettyWebSocketServletFactory factory) {
    JettySocket.configure(
        factory,
        settings,
        (request, response) -> {
          HttpServletRequest upgrade = request.getHttpServletRequest();
          ClientGate.Admission admission = (ClientGate.Admission) upgrade.getAttribute(ADMISSION);
          return new JettySocket(
              new PlainWebSocket(
                  settings, timers, json, admission, CompactMode.requested(upgrade)));
        });
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getDispatcherType() == DispatcherType.ASYNC
        && request.getAttribute(ADMISSION) != null) {
      super.service(request, response);
      return;
    }
    if (request.getHeader("Sec-WebSocket-Version") == null) {
      reply(response, 400, ErrorCode.INVALID_ARGUMENT, "This endpoint speaks WebSocket only");
      return;
    }
    if (!origins.allows(request.getHeader("Origin"), request)) {
      reply(response, 403, ErrorCode.FORBIDDEN, "Origin not allowed");
      return;
    }
    Optional<String> token =
        Bearer.of(request.getHeader("Authorization"))
            .or(() -> Bearer.nonBlank(request.getParameter("token")));
    if (token.isEmpty()) {
      reply(response, 401, ErrorCode.UNAUTHENTICATED, "Auth required");
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(AUTH_TIMEOUT_MS);
    gate.admit(token.get())
        .whenComplete(
            (admission, failure) -> {
              if (failure == null) {
                request.setAttribute(ADMISSION, admission);
                async.dispatch();
                return;
              }
              refuse(async, Refusal.of(failure));
            });
  }

  private static void refuse(AsyncContext async, Refusal refusal) {
    try {
      HttpServletResponse response = (HttpServletResponse) async.getResponse();
      reply(response, ErrorTable.status(refusal.code()), refusal.code(), refusal.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.debug("Refusal of a WebSocket upgrade not delivered", e);
    } finally {
      async.complete();
    }
  }

  /** A refusal of the upgrade request, in the REST envelope. */
  private static void reply(
      HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
    byte[] bytes = Envelope.failure(code.name(), message);
    response.setStatus(status);
    response.setContentType(Envelope.JSON);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
