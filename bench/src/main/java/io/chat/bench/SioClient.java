package io.chat.bench;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/** One device on Socket.IO v4, namespace {@code /app}, receiving only. */
final class SioClient {
  private static final OkHttpClient HTTP = http();

  private final Socket socket;

  private SioClient(Socket socket) {
    this.socket = socket;
  }

  private static OkHttpClient http() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(100_000);
    dispatcher.setMaxRequestsPerHost(100_000);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .readTimeout(1, TimeUnit.MINUTES)
        .build();
  }

  /** Connects, in compact mode ({@code auth.compact}: no {@code chat:update} packets) or not. */
  static CompletableFuture<SioClient> connect(
      String baseUrl, String token, boolean compact, Delivery delivery) {
    IO.Options options = new IO.Options();
    options.forceNew = true;
    options.reconnection = false;
    options.callFactory = HTTP;
    options.webSocketFactory = HTTP;
    options.transports = new String[] {WebSocket.NAME};
    // The Java client sends auth values as strings; the server takes "true" as true.
    options.auth = compact ? Map.of("token", token, "compact", "true") : Map.of("token", token);
    Socket socket = IO.socket(URI.create(baseUrl + "/app"), options);
    SioClient client = new SioClient(socket);
    CompletableFuture<SioClient> connected = new CompletableFuture<>();
    socket.on("message:new", args -> client.deliver(false, (JSONObject) args[0], delivery));
    socket.on("message:sent", args -> client.deliver(true, (JSONObject) args[0], delivery));
    socket.on(Socket.EVENT_CONNECT, args -> connected.complete(client));
    socket.on(
        Socket.EVENT_CONNECT_ERROR,
        args ->
            connected.completeExceptionally(
                new IllegalStateException(
                    "Socket.IO refused: " + (args.length > 0 ? args[0] : "no reason"))));
    socket.connect();
    return connected;
  }

  private void deliver(boolean sent, JSONObject data, Delivery delivery) {
    JSONObject message = data.optJSONObject("message");
    if (message == null || message.optString("kind").equals("system")) {
      return;
    }
    delivery.message(
        sent,
        data.optString("chatId"),
        message.has("clientMessageId") ? message.optString("clientMessageId") : null,
        message.optLong("seq"));
  }

  void close() {
    socket.disconnect();
    socket.io().off();
  }
}
