package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The JDK's WebSocket client on {@code /ws}, recording what it receives. */
final class WsClient extends TestClient {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final AtomicLong acks = new AtomicLong(1_000);
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<String> disconnected = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;

  private WsClient(String name) {
    super(name);
  }

  /** Connects with the token in the query and waits for the presence snapshot. */
  static WsClient connect(int port, String token) {
    return connect(port, token, false);
  }

  /** As {@link #connect(int, String)}, in compact mode ({@code compact=1}) or not. */
  static WsClient connect(int port, String token, boolean compact) {
    String query = "?token=" + token + (compact ? "&compact=1" : "");
    return connect(port, query, Map.of(), token + "/ws" + (compact ? " compact" : ""));
  }

  /** Connects with {@code query} and {@code headers} and waits for the presence snapshot. */
  static WsClient connect(int port, String query, Map<String, String> headers, String name) {
    WsClient client = new WsClient(name);
    try {
      client.socket =
          builder(headers)
              .buildAsync(uri(port, query), client.listener())
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no connect for " + client, e);
    }
    client.await("presence:snapshot");
    return client;
  }

  /** The HTTP status of a refused upgrade, or 101 when it was accepted. */
  static int upgradeStatus(int port, String query, Map<String, String> headers) {
    WsClient client = new WsClient("probe");
    try {
      WebSocket socket =
          builder(headers)
              .buildAsync(uri(port, query), client.listener())
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      socket.abort();
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static WebSocket.Builder builder(Map<String, String> headers) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    headers.forEach(builder::header);
    return builder;
  }

  static URI uri(int port, String query) {
    return URI.create("ws://127.0.0.1:" + port + "/ws" + query);
  }

  private WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          partial.setLength(0);
          frame(text);
        }
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        disconnected.complete(statusCode + " " + reason);
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        disconnected.complete("error " + error);
      }
    };
  }

  private void frame(String text) {
    JsonNode frame = parse(text);
    if (frame.has("ack")) {
      CompletableFuture<JsonNode> answer = pending.remove(frame.get("ack").asLong());
      if (answer != null) {
        answer.complete(frame.get("data"));
      } else {
        record("ack", frame.get("data"));
      }
      return;
    }
    record(frame.path("event").asText(), frame.get("data"));
  }

  @Override
  CompletableFuture<JsonNode> emitWithAck(String event, Object data) {
    long ack = acks.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(ack, answer);
    ObjectNode frame = data().put("event", event).put("ack", ack);
    if (data != null) {
      frame.set("data", JSON.valueToTree(data));
    }
    sendText(frame.toString());
    return answer;
  }

  @Override
  void emit(String event, Object data) {
    ObjectNode frame = data().put("event", event);
    if (data != null) {
      frame.set("data", JSON.valueToTree(data));
    }
    sendText(frame.toString());
  }

  /** Sends a raw text frame, as it is. */
  synchronized void sendText(String text) {
    socket.sendText(text, true).join();
  }

  synchronized void sendBinary(byte[] bytes) {
    socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
  }

  @Override
  boolean isConnected() {
    return !socket.isInputClosed() && !disconnected.isDone();
  }

  @Override
  CompletableFuture<String> disconnected() {
    return disconnected;
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
