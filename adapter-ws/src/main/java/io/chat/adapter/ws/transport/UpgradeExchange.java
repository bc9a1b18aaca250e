package io.chat.adapter.ws.transport;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the HTTP exchange of a WebSocket upgrade go once the socket is open. Jetty's servlet (ee10)
 * WebSocket session keeps its upgrade response for {@link Session#getUpgradeResponse()} as long as
 * the socket lives: a wrapper of the servlet response, and through it the request, the HTTP/1
 * connection with its parser, the header fields and their strings, about 6 KB of heap for every
 * idle socket. Jetty's core WebSocket server keeps a copy instead (jetty/jetty.project#12877); here
 * the session and its frame handler get such a copy, and the frame handler the session's request.
 *
 * <p>Two private fields of Jetty's classes are written by reflection. Where they are not found
 * (another Jetty), nothing is released and the socket works the same; {@code UpgradeExchangeTest}
 * then fails, so that an upgrade of Jetty notices.
 */
final class UpgradeExchange {
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeExchange.class);
  private static final Field SESSION_RESPONSE = field(Session.class, "upgradeResponse");
  private static final Field FRAME_HANDLER = field(Session.class, "frameHandler");

  private UpgradeExchange() {}

  /** Replaces what {@code session} keeps of its upgrade by a copy; answers whether it could. */
  static boolean release(Session session) {
    if (SESSION_RESPONSE == null
        || FRAME_HANDLER == null
        || !SESSION_RESPONSE.getDeclaringClass().isInstance(session)) {
      return false;
    }
    try {
      UpgradeResponse kept = Kept.of(session.getUpgradeResponse());
      if (FRAME_HANDLER.get(session) instanceof JettyWebSocketFrameHandler handler) {
        handler.setUpgradeRequest(session.getUpgradeRequest());
        handler.setUpgradeResponse(kept);
      }
      SESSION_RESPONSE.set(session, kept);
      return true;
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.warn("the upgrade exchange of a WebSocket stays kept", e);
      return false;
    }
  }

  private static Field field(Class<?> api, String name) {
    try {
      // The session Jetty makes for its Jetty API endpoints.
      Class<?> type = Class.forName("org.eclipse.jetty.websocket.common.WebSocketSession");
      if (!api.isAssignableFrom(type)) {
        return null;
      }
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "This Jetty's WebSocket session has no field {}: each idle socket keeps its upgrade's"
              + " HTTP exchange (~6 KB)",
          name);
      return null;
    }
  }

  /** An upgrade response as it was sent, with nothing of the exchange behind it. */
  record Kept(
      String acceptedSubProtocol,
      List<ExtensionConfig> extensions,
      Map<String, List<String>> headers,
      int statusCode)
      implements UpgradeResponse {

    /**
     * What {@code response} still answers: Jetty's servlet wrapper refuses some of it once the
     * upgrade is done (then the handshake's defaults: no sub-protocol, no extension), and says 200
     * for a status that was 101 (a socket is open only after a 101).
     */
    static Kept of(UpgradeResponse response) {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      try {
        response.getHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
      } catch (RuntimeException e) {
        headers.clear();
      }
      return new Kept(
          answer(response::getAcceptedSubProtocol, null),
          answer(() -> List.copyOf(response.getExtensions()), List.of()),
          headers,
          101);
    }

    private static <T> T answer(java.util.function.Supplier<T> getter, T otherwise) {
      try {
        return getter.get();
      } catch (RuntimeException e) {
        return otherwise;
      }
    }

    @Override
    public String getAcceptedSubProtocol() {
      return acceptedSubProtocol;
    }

    @Override
    public List<ExtensionConfig> getExtensions() {
      return extensions;
    }

    @Override
    public String getHeader(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Set<String> getHeaderNames() {
      return headers.keySet();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public List<String> getHeaders(String name) {
      return headers.getOrDefault(name, List.of());
    }

    @Override
    public int getStatusCode() {
      return statusCode;
    }
  }
}
