package io.chat.adapter.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A hand-driven Engine.IO 4 client, over WebSocket or long-polling, for sending packets that no
 * real client would send. It answers the server's pings by itself.
 */
abstract class RawEngineIo implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration TIMEOUT = TestClient.TIMEOUT;

  private final List<String> packets = new ArrayList<>();

  /** Sends one Engine.IO packet as text. */
  abstract void send(String packet);

  @Override
  public abstract void close();

  static RawEngineIo open(int port, boolean websocket) {
    return websocket ? new OverWebSocket(port, true) : new OverPolling(port);
  }

  /**
   * Over WebSocket, a client that reads everything but never answers a ping: its pings ({@code 2})
   * are recorded like any other packet.
   */
  static OverWebSocket silent(int port) {
    return new OverWebSocket(port, false);
  }

  /** Connects to {@code /app} with a token in the CONNECT packet. */
  void connectApp(String token) {
    connectAppWith("{\"token\":\"" + token + "\"}");
  }

  /** Connects to {@code /app} with {@code auth}, the JSON of the CONNECT packet. */
  void connectAppWith(String auth) {
    send("40/app," + auth);
    await(p -> p.startsWith("40/app,{\"sid\""));
    await(p -> p.startsWith("42/app,[\"presence:snapshot\""));
  }

  final synchronized void received(String packet) {
    packets.add(packet);
    notifyAll();
  }

  final synchronized String await(Predicate<String> matching) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      for (String packet : packets) {
        if (matching.test(packet)) {
          packets.remove(packet);
          return packet;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching packet among " + packets);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  final synchronized List<String> packets() {
    return List.copyOf(packets);
  }

  void sendBinary(byte[] bytes) {
    throw new UnsupportedOperationException();
  }

  /** Engine.IO over one WebSocket. */
  static final class OverWebSocket extends RawEngineIo {
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    OverWebSocket(int port, boolean answersPings) {
      try {
        socket =
            HTTP.newWebSocketBuilder()
                .buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"),
                    new WebSocket.Listener() {
                      @Override
                      public CompletionStage<?> onText(
                          WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                          String packet = partial.toString();
                          partial.setLength(0);
                          if (answersPings && packet.equals("2")) {
                            webSocket.sendText("3", true);
                          } else {
                            received(packet);
                          }
                        }
                        webSocket.request(1);
                        return null;
                      }

                      @Override
                      public CompletionStage<?> onClose(
                          WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                      }

                      @Override
                      public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete("error " + error);
                      }
                    })
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      await(p -> p.startsWith("0{"));
    }

    /** Completes when the server ends the connection: the close code and reason, or the error. */
    CompletableFuture<String> closed() {
      return closed;
    }

    @Override
    synchronized void send(String packet) {
      socket.sendText(packet, true).join();
    }

    @Override
    synchronized void sendBinary(byte[] bytes) {
      socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    @Override
    public void close() {
      socket.abort();
    }
  }

  /** Engine.IO over long-polling: a thread keeps one GET pending, sends are POSTs. */
  static final class OverPolling extends RawEngineIo {
    private final String base;
    private final Thread poller;
    private volatile boolean open = true;

    OverPolling(int port) {
      String handshake = get("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling");
      String sid = TestClient.parse(handshake.substring(1)).path("sid").asText();
      base = "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling&sid=" + sid;
      poller = new Thread(this::pollForever, "raw-poller");
      poller.setDaemon(true);
      poller.start();
    }

    private void pollForever() {
      while (open) {
        String body;
        try {
          body = get(base);
        } catch (AssertionError e) {
          return;
        }
        for (String packet : body.split("\u001e")) {
          if (packet.equals("2")) {
            send("3");
          } else {
            received(packet);
          }
        }
      }
    }

    private static String get(String uri) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new AssertionError("poll answered " + response.statusCode() + response.body());
        }
        return response.body();
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    @Override
    void send(String packet) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(base))
                    .POST(HttpRequest.BodyPublishers.ofString(packet))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new AssertionError("post answered " + response.statusCode());
        }
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    @Override
    public void close() {
      open = false;
      try {
        send("1");
      } catch (AssertionError e) {
        // already gone
      }
    }
  }
}
