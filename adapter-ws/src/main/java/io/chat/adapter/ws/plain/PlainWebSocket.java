package io.chat.adapter.ws.plain;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientGate;
import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.adapter.ws.transport.JettySocket;
import io.chat.adapter.ws.transport.TransportSettings;
import io.chat.adapter.ws.transport.WsSender;
import io.chat.domain.shared.ErrorCode;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One admitted client of {@code /ws}: frames {@code {"event", "data", "ack"?}} in, {@code {"event",
 * "data"}} and {@code {"ack", "data"}} out. WebSocket pings keep it alive; a client that answers
 * nothing for a ping interval and timeout is dropped.
 */
final class PlainWebSocket implements JettySocket.Handler, ClientSocket {
  private static final long MAX_ACK = (1L << 53) - 1;

  private final TransportSettings settings;
  private final ScheduledExecutorService timers;
  private final BoundedJson json;
  private final ClientGate.Admission admission;
  private final boolean compact;
  private volatile ClientSocket.Listener listener;
  private final AtomicBoolean open = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean closing;
  private volatile Session session;
  private volatile WsSender sender;
  private volatile long lastHeard = System.nanoTime();
  private volatile ScheduledFuture<?> heartbeat;

  PlainWebSocket(
      TransportSettings settings,
      ScheduledExecutorService timers,
      BoundedJson json,
      ClientGate.Admission admission,
      boolean compact) {
    this.settings = settings;
    this.timers = timers;
    this.json = json;
    this.admission = admission;
    this.compact = compact;
  }

  @Override
  public void opened(Session session) {
    this.session = session;
    this.sender =
        new WsSender(
            session, settings.outboundQueueLimit(), () -> close(CloseReason.SLOW_CONSUMER));
    listener = admission.listen(this);
    open.set(true);
    long every = settings.pingInterval().toMillis();
    heartbeat = timers.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    listener.opened();
  }

  @Override
  public void text(String text) {
    lastHeard = System.nanoTime();
    if (BoundedJson.tooLarge(text, settings.maxMessageBytes())) {
      listener.malformed(
          ClientSocket.NO_ACK,
          ErrorCode.PAYLOAD_TOO_LARGE,
          "An event may be at most " + settings.maxMessageBytes() + " bytes");
      return;
    }
    Optional<JsonNode> parsed = json.parse(text);
    if (parsed.isEmpty() || !parsed.get().isObject()) {
      malformed(ClientSocket.NO_ACK, "A frame is one JSON object {\"event\", \"data\", \"ack\"?}");
      return;
    }
    JsonNode frame = parsed.get();
    long ack = ClientSocket.NO_ACK;
    JsonNode ackNode = frame.get("ack");
    if (ackNode != null && !ackNode.isNull()) {
      if (!ackNode.isIntegralNumber()
          || !ackNode.canConvertToLong()
          || ackNode.longValue() < 0
          || ackNode.longValue() > MAX_ACK) {
        malformed(ClientSocket.NO_ACK, "ack must be a non-negative integer");
        return;
      }
      ack = ackNode.longValue();
    }
    JsonNode event = frame.get("event");
    if (event == null || !event.isTextual() || event.textValue().isEmpty()) {
      malformed(ack, "event must be a non-empty string");
      return;
    }
    listener.event(event.textValue(), frame.get("data"), ack);
  }

  @Override
  public void binary() {
    lastHeard = System.nanoTime();
    malformed(ClientSocket.NO_ACK, "Binary frames are not supported");
  }

  @Override
  public void pong() {
    lastHeard = System.nanoTime();
  }

  @Override
  public void closed() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    WsSender out = sender;
    if (out != null) {
      out.close();
    }
    ScheduledFuture<?> beat = heartbeat;
    if (beat != null) {
      beat.cancel(false);
    }
    if (open.get()) {
      listener.closed();
    }
  }

  @Override
  public void emit(String event, String jsonData) {
    send("{\"event\":" + json.quote(event) + ",\"data\":" + jsonData + "}");
  }

  @Override
  public void reply(long ack, String jsonData) {
    send("{\"ack\":" + ack + ",\"data\":" + jsonData + "}");
  }

  @Override
  public boolean compact() {
    return compact;
  }

  @Override
  public void close(CloseReason reason) {
    Session current = session;
    WsSender out = sender;
    if (current == null || out == null) {
      return;
    }
    closing = true;
    if (reason == CloseReason.SLOW_CONSUMER || reason == CloseReason.HEARTBEAT) {
      // The peer is not reading: a close frame would wait behind everything queued.
      out.close();
      current.disconnect();
      closed();
    } else {
      out.closeAfterQueued(reason.code(), reason.text());
    }
  }

  private void send(String frame) {
    WsSender out = sender;
    if (out != null && !out.offer(frame) && !closing && !closed.get()) {
      close(CloseReason.SLOW_CONSUMER);
    }
  }

  private void malformed(long ack, String message) {
    listener.malformed(ack, ErrorCode.INVALID_ARGUMENT, message);
  }

  private void heartbeat() {
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
    long allowed = settings.pingInterval().toMillis() + settings.pingTimeout().toMillis();
    if (silentMs > allowed) {
      close(CloseReason.HEARTBEAT);
      return;
    }
    Session current = session;
    if (current != null && current.isOpen()) {
      current.sendPing(java.nio.ByteBuffer.allocate(0), Callback.NOOP);
    }
  }
}
