package io.chat.adapter.ws.socketio;

import io.chat.adapter.ws.engineio.EngineSession;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CloseReason;
import java.util.concurrent.atomic.AtomicBoolean;

/** A client's socket in the {@code /app} namespace, over one Engine.IO session. */
final class SocketIoSocket implements ClientSocket {
  static final String NAMESPACE = "/app";

  private final EngineSession engine;
  private final BoundedJson json;
  private final boolean compact;
  private final AtomicBoolean closed = new AtomicBoolean();

  SocketIoSocket(EngineSession engine, BoundedJson json, boolean compact) {
    this.engine = engine;
    this.json = json;
    this.compact = compact;
  }

  @Override
  public void emit(String event, String jsonData) {
    send(SocketIoPacket.event(NAMESPACE, event, jsonData, json));
  }

  @Override
  public void reply(long ack, String jsonData) {
    send(SocketIoPacket.ack(NAMESPACE, ack, jsonData));
  }

  @Override
  public boolean compact() {
    return compact;
  }

  @Override
  public void close(CloseReason reason) {
    switch (reason) {
      // On shutdown the transport ends, not the namespace, so that the client reconnects (to this
      // server restarted, or to another); and it ends at once: the Java client ignores a close
      // frame from the server and would wait for its ping timeout.
      case SLOW_CONSUMER, HEARTBEAT, TRANSPORT_LIMIT, SHUTDOWN -> engine.abort(reason);
      default -> {
        // The client hears that the server ended the socket (no automatic reconnect), then the
        // transport closes behind that packet.
        engine.send(new SocketIoPacket(SocketIoPacket.DISCONNECT, NAMESPACE, "").encode());
        engine.close(reason);
      }
    }
  }

  /** Whether this call is the one that closed it. */
  boolean markClosed() {
    return closed.compareAndSet(false, true);
  }

  private void send(SocketIoPacket packet) {
    if (!engine.send(packet.encode()) && !closed.get()) {
      engine.abort(CloseReason.SLOW_CONSUMER);
    }
  }
}
