package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.json.JSONObject;

/** The real Socket.IO client for Java (protocol v4), recording what it receives. */
final class SioClient extends TestClient {
  /** How the client reaches the server. */
  enum Transport {
    WEBSOCKET,
    POLLING,
    /** Polling first, then the upgrade to WebSocket, as browsers do. */
    UPGRADE
  }

  /** OkHttp limits concurrent calls per host to 5 by default: too few for many long-polls. */
  private static final OkHttpClient HTTP = http();

  private final Socket socket;
  private final CompletableFuture<String> disconnected = new CompletableFuture<>();
  private final CompletableFuture<JsonNode> connectError = new CompletableFuture<>();
  private final CompletableFuture<Void> connected = new CompletableFuture<>();

  private SioClient(String name, Socket socket) {
    super(name);
    this.socket = socket;
  }

  private static OkHttpClient http() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(2_000);
    dispatcher.setMaxRequestsPerHost(2_000);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .readTimeout(1, TimeUnit.MINUTES)
        .build();
  }

  static IO.Options options(Transport transport) {
    IO.Options options = new IO.Options();
    options.forceNew = true;
    options.reconnection = false;
    options.callFactory = HTTP;
    options.webSocketFactory = HTTP;
    options.transports =
        switch (transport) {
          case WEBSOCKET -> new String[] {WebSocket.NAME};
          case POLLING -> new String[] {Polling.NAME};
          case UPGRADE -> new String[] {Polling.NAME, WebSocket.NAME};
        };
    options.upgrade = transport == Transport.UPGRADE;
    return options;
  }

  /**
   * Connects to {@code /app} with {@code auth.token} (and {@code auth.compact} when {@code
   * compact}) and waits until the server accepted it.
   */
  static SioClient connect(int port, String token, Transport transport, boolean compact) {
    IO.Options options = options(transport);
    // The Java client sends auth values as strings: "true" (a browser sends true).
    options.auth = compact ? Map.of("token", token, "compact", "true") : Map.of("token", token);
    return connect(port, options, token + "/" + transport + (compact ? " compact" : ""));
  }

  /** Connects to {@code /app} with {@code options} and waits until the server accepted it. */
  static SioClient connect(int port, IO.Options options, String name) {
    SioClient client = open(port, "/app", options, name);
    try {
      CompletableFuture.anyOf(client.connected, client.connectError)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      client.close();
      throw new AssertionError("no connect for " + client, e);
    }
    if (client.connectError.isDone()) {
      client.close();
      throw new AssertionError("refused: " + client.connectError.join());
    }
    client.await("presence:snapshot");
    return client;
  }

  /** Opens without waiting: for refusals and namespaces other than {@code /app}. */
  static SioClient open(int port, String namespace, IO.Options options, String name) {
    Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port + namespace), options);
    SioClient client = new SioClient(name, socket);
    socket.onAnyIncoming(
        args -> client.record((String) args[0], args.length > 1 ? json(args[1]) : null));
    socket.on(Socket.EVENT_CONNECT, args -> client.connected.complete(null));
    socket.on(
        Socket.EVENT_CONNECT_ERROR,
        args -> client.connectError.complete(args.length > 0 ? json(args[0]) : null));
    socket.on(
        Socket.EVENT_DISCONNECT,
        args -> client.disconnected.complete(args.length > 0 ? String.valueOf(args[0]) : ""));
    socket.connect();
    return client;
  }

  CompletableFuture<Void> connected() {
    return connected;
  }

  CompletableFuture<JsonNode> connectError() {
    return connectError;
  }

  @Override
  CompletableFuture<JsonNode> emitWithAck(String event, Object data) {
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    Object[] args = data == null ? new Object[0] : new Object[] {toClient(data)};
    socket.emit(event, args, reply -> answer.complete(reply.length > 0 ? json(reply[0]) : null));
    return answer;
  }

  @Override
  void emit(String event, Object data) {
    if (data == null) {
      socket.emit(event);
    } else {
      socket.emit(event, toClient(data));
    }
  }

  @Override
  boolean isConnected() {
    return socket.connected();
  }

  @Override
  CompletableFuture<String> disconnected() {
    return disconnected;
  }

  @Override
  public void close() {
    socket.disconnect();
    socket.io().off();
  }

  private static Object toClient(Object data) {
    if (data instanceof JsonNode node) {
      if (node.isObject()) {
        return new JSONObject(node.toString());
      }
      if (node.isArray()) {
        return new JSONArray(node.toString());
      }
      return node.isTextual() ? node.textValue() : node.isNumber() ? node.numberValue() : node;
    }
    return data;
  }

  private static JsonNode json(Object value) {
    if (value == null || value == JSONObject.NULL) {
      return NullNode.getInstance();
    }
    if (value instanceof JSONObject || value instanceof JSONArray) {
      return parse(value.toString());
    }
    return JSON.valueToTree(value);
  }
}
