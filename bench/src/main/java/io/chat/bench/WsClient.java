package io.chat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One device on the plain JSON WebSocket {@code /ws}, with the JDK client. */
final class WsClient implements WebSocket.Listener {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Delivery delivery;
  private final Map<Long, Consumer<JsonNode>> pendingAcks = new ConcurrentHashMap<>();
  private final AtomicLong nextAck = new AtomicLong();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private CompletableFuture<WebSocket> tail;

  private WsClient(Delivery delivery) {
    this.delivery = delivery;
  }

  /** Connects, in compact mode ({@code compact=1}: no {@code chat:update} frames) or not. */
  static CompletableFuture<WsClient> connect(
      HttpClient http, String baseUrl, String token, boolean compact, Delivery delivery) {
    WsClient client = new WsClient(delivery);
    URI uri =
        URI.create(
            baseUrl.replaceFirst("^http", "ws")
                + "/ws?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + (compact ? "&compact=1" : ""));
    return http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(60))
        .buildAsync(uri, client)
        .thenApply(
            ws -> {
              synchronized (client) {
                client.tail = CompletableFuture.completedFuture(ws);
              }
              return client;
            });
  }

  /** Sends an event with an ack; the JDK client allows one outstanding send, so sends queue. */
  void emit(String event, Object data, Consumer<JsonNode> onAck) {
    long ack = nextAck.incrementAndGet();
    pendingAcks.put(ack, onAck);
    String frame;
    try {
      frame =
          JSON.writeValueAsString(Map.of("event", event, "data", data, "ack", Long.valueOf(ack)));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    synchronized (this) {
      CompletableFuture<WebSocket> previous = tail;
      tail =
          previous
              .thenCompose(ws -> ws.sendText(frame, true))
              .exceptionally(
                  e -> {
                    Consumer<JsonNode> callback = pendingAcks.remove(ack);
                    if (callback != null) {
                      callback.accept(null);
                    }
                    return previous.getNow(null);
                  });
    }
  }

  CompletableFuture<Void> closed() {
    return closed;
  }

  boolean isOpen() {
    CompletableFuture<WebSocket> current;
    synchronized (this) {
      current = tail;
    }
    WebSocket ws = current == null ? null : current.getNow(null);
    return ws != null && !ws.isInputClosed() && !closed.isDone();
  }

  void close() {
    CompletableFuture<WebSocket> current;
    synchronized (this) {
      current = tail;
    }
    if (current != null) {
      current.thenAccept(
          ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> ws));
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      handle(text);
    }
    webSocket.request(1);
    return null;
  }

  private void handle(String text) {
    JsonNode frame;
    try {
      frame = JSON.readTree(text);
    } catch (Exception e) {
      return;
    }
    JsonNode ack = frame.get("ack");
    if (ack != null && ack.isNumber()) {
      Consumer<JsonNode> callback = pendingAcks.remove(ack.longValue());
      if (callback != null) {
        callback.accept(frame.get("data"));
      }
      return;
    }
    String event = frame.path("event").asText();
    boolean sent = event.equals("message:sent");
    JsonNode data = frame.path("data");
    JsonNode message = data.path("message");
    // A group's system entries (its creation, say) are nobody's send: not in the ledger.
    if ((sent || event.equals("message:new"))
        && !message.path("kind").asText("").equals("system")) {
      delivery.message(
          sent,
          data.path("chatId").asText(),
          message.path("clientMessageId").asText(null),
          message.path("seq").asLong());
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(null);
    failPending();
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(null);
    failPending();
  }

  private void failPending() {
    for (Long ack : pendingAcks.keySet()) {
      Consumer<JsonNode> callback = pendingAcks.remove(ack);
      if (callback != null) {
        callback.accept(null);
      }
    }
  }
}
