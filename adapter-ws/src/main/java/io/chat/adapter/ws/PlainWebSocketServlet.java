package io.chat.adapter.ws;

import io.chat.adapter.http.WireFormat;
import io.chat.application.port.in.Actor;
import io.chat.domain.shared.ErrorCode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain JSON WebSocket at {@code /ws}. The upgrade is decided before it happens: 403 from an
 * origin outside the list, 401 without a valid token. The token is verified asynchronously (the
 * request is suspended, then dispatched again to upgrade), so no server thread waits for it.
 */
final class PlainWebSocketServlet extends JettyWebSocketServlet {
  private static final Logger LOG = LoggerFactory.getLogger(PlainWebSocketServlet.class);
  private static final String ACTOR = PlainWebSocketServlet.class.getName() + ".actor";
  private static final long AUTH_TIMEOUT_MS = 30_000;

  private final transient RealtimeHub hub;
  private final transient Origins origins;

  PlainWebSocketServlet(RealtimeHub hub, Origins origins) {
    this.hub = hub;
    this.origins = origins;
  }

  @Override
  protected void configure(JettyWebSocketServletFactory factory) {
    JettySocket.configure(
        factory,
        hub.settings().transport(),
        (request, response) -> {
          Actor actor = (Actor) request.getHttpServletRequest().getAttribute(ACTOR);
          return new JettySocket(new PlainWsConnection(hub, actor));
        });
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getDispatcherType() == DispatcherType.ASYNC
        && request.getAttribute(ACTOR) != null) {
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
    hub.authenticate(token.get())
        .whenComplete(
            (actor, failure) -> {
              if (failure == null) {
                request.setAttribute(ACTOR, actor);
                async.dispatch();
                return;
              }
              refuse(async, Failures.of(failure));
            });
  }

  private static void refuse(AsyncContext async, Failures.Failure failure) {
    try {
      HttpServletResponse response = (HttpServletResponse) async.getResponse();
      if (failure.code() == ErrorCode.UNAUTHENTICATED || failure.code() == ErrorCode.FORBIDDEN) {
        reply(response, 401, ErrorCode.UNAUTHENTICATED, "Invalid token");
      } else {
        reply(response, WireFormat.status(failure.code()), failure.code(), failure.message());
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Refusal of a WebSocket upgrade not delivered", e);
    } finally {
      async.complete();
    }
  }

  /** A refusal of the upgrade request, in the REST envelope. */
  private static void reply(
      HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
    byte[] bytes = WireFormat.failure(code, message);
    response.setStatus(status);
    response.setContentType(WireFormat.JSON_CONTENT_TYPE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
