package io.chat.adapter.ws.transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's listener of one WebSocket, handing every callback to the transport that owns it (an
 * Engine.IO session's, or a plain {@code /ws} socket). Jetty calls it through method handles.
 */
public final class JettySocket implements Session.Listener.AutoDemanding {

  /** The transport behind a socket. */
  public interface Handler {
    void opened(Session session);

    void text(String text);

    void binary();

    void pong();

    void closed();
  }

  private final Handler handler;

  public JettySocket(Handler handler) {
    this.handler = handler;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    UpgradeExchange.release(session);
    handler.opened(session);
  }

  @Override
  public void onWebSocketText(String message) {
    handler.text(message);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    handler.binary();
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    handler.pong();
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    callback.succeed();
    handler.closed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    handler.closed();
  }

  /**
   * What both WebSocket endpoints share: message sizes from the settings, idle past a missed ping,
   * no compression; {@code creator} makes each endpoint's socket.
   */
  public static void configure(
      JettyWebSocketServletFactory factory,
      TransportSettings settings,
      JettyWebSocketCreator creator) {
    factory.setMaxTextMessageSize(settings.transportLimitBytes());
    factory.setMaxBinaryMessageSize(settings.transportLimitBytes());
    factory.setIdleTimeout(
        settings.pingInterval().plus(settings.pingTimeout()).plus(Duration.ofSeconds(5)));
    factory.setCreator(
        (request, response) -> {
          // Compression costs more than it saves on small events.
          response.setExtensions(List.of());
          return creator.createWebSocket(request, response);
        });
  }
}
