package io.chat.adapter.ws.engineio;

import io.chat.adapter.ws.transport.CloseReason;
import io.chat.adapter.ws.transport.JettySocket;
import io.chat.adapter.ws.transport.WsSender;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The WebSocket transport of an Engine.IO session: either the session's transport from the start,
 * or a probe that becomes it ({@code 2probe}, {@code 3probe}, then {@code 5}).
 */
final class EngineWebSocket implements JettySocket.Handler {
  private static final String PROBE = "probe";
  private static final String PROBE_PING = new EnginePacket(EnginePacket.Type.PING, PROBE).encode();
  private static final String PROBE_PONG = new EnginePacket(EnginePacket.Type.PONG, PROBE).encode();
  private static final String UPGRADE = EnginePacket.of(EnginePacket.Type.UPGRADE).encode();

  private final int queueLimit;
  private final EngineSession engine;
  private final boolean probe;
  private final Runnable onOpen;
  private volatile Session session;
  private volatile WsSender sender;
  private volatile boolean upgraded;

  private EngineWebSocket(int queueLimit, EngineSession engine, boolean probe, Runnable onOpen) {
    this.queueLimit = queueLimit;
    this.engine = engine;
    this.probe = probe;
    this.onOpen = onOpen;
  }

  /** The transport of a new session that starts over WebSocket. */
  static EngineWebSocket direct(int queueLimit, EngineSession engine, Runnable onOpen) {
    return new EngineWebSocket(queueLimit, engine, false, onOpen);
  }

  /** A probe offered to upgrade a polling session. */
  static EngineWebSocket probe(int queueLimit, EngineSession engine) {
    return new EngineWebSocket(queueLimit, engine, true, () -> {});
  }

  @Override
  public void opened(Session session) {
    this.session = session;
    this.sender =
        new WsSender(session, queueLimit, () -> engine.abortLater(CloseReason.SLOW_CONSUMER));
    if (!probe) {
      engine.attach(this);
      sender.offer(engine.handshake(false));
      onOpen.run();
      engine.startHeartbeat();
    }
  }

  @Override
  public void text(String text) {
    if (probe && !upgraded) {
      if (text.equals(PROBE_PING)) {
        sender.offer(PROBE_PONG);
        engine.probed(this);
      } else if (text.equals(UPGRADE)) {
        upgraded = true;
        engine.upgraded(this);
      }
      return;
    }
    engine.receive(text);
  }

  @Override
  public void binary() {
    if (!probe || upgraded) {
      engine.receiveBinary();
    }
  }

  @Override
  public void pong() {}

  @Override
  public void closed() {
    WsSender out = sender;
    if (out != null) {
      out.close();
    }
    engine.transportClosed(this);
  }

  boolean offer(String packet) {
    WsSender out = sender;
    return out != null && out.offer(packet);
  }

  void closeAfterQueued(CloseReason reason) {
    WsSender out = sender;
    if (out != null) {
      out.closeAfterQueued(reason.code() >= 4000 ? 1000 : reason.code(), reason.text());
    }
  }

  void disconnect(CloseReason reason) {
    WsSender out = sender;
    if (out != null) {
      out.close();
    }
    Session current = session;
    if (current != null) {
      current.disconnect();
    }
  }
}
