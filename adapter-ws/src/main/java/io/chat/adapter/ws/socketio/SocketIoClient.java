package io.chat.adapter.ws.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.ws.engineio.EngineSession;
import io.chat.adapter.ws.transport.Bearer;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientGate;
import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CompactMode;
import io.chat.adapter.ws.transport.Refusal;
import io.chat.domain.shared.ErrorCode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Socket.IO side of one Engine.IO session: namespaces, the authenticated {@code CONNECT} of
 * {@code /app} (the token from the packet, the handshake's query or its header, admitted by the
 * {@link ClientGate}; {@code connect_error} {@code Auth required} or the gate's refusal otherwise),
 * and events handed to the listener of the {@code /app} socket. The default namespace {@code /} is
 * accepted and does nothing; there are no rooms a client could join.
 */
final class SocketIoClient implements EngineSession.Listener {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EngineSession engine;
  private final ClientGate gate;
  private final BoundedJson json;
  private final int maxMessageBytes;
  private final String queryAuth;
  private final String authorizationHeader;
  private final boolean compactHandshake;
  private final Runnable stopWaiting;
  private final AtomicBoolean connecting = new AtomicBoolean();
  private volatile App app;
  private volatile boolean gone;
  private volatile boolean joinedOnce;

  /** The {@code /app} namespace joined: its socket, and the chat layer's listener of it. */
  private record App(SocketIoSocket socket, ClientSocket.Listener listener) {}

  /**
   * The client of {@code engine}, whose handshake carried {@code queryAuth} (the query parameter
   * {@code auth}) and {@code authorizationHeader}, both may be null, and asked for compact mode or
   * not ({@code compactHandshake}; {@code auth.compact} of the {@code CONNECT} may ask too). {@code
   * stopWaiting} runs (once is enough, it may run more) when the client joins {@code /app} or the
   * session ends.
   */
  SocketIoClient(
      EngineSession engine,
      ClientGate gate,
      BoundedJson json,
      int maxMessageBytes,
      String queryAuth,
      String authorizationHeader,
      boolean compactHandshake,
      Runnable stopWaiting) {
    this.engine = engine;
    this.gate = gate;
    this.json = json;
    this.maxMessageBytes = maxMessageBytes;
    this.queryAuth = queryAuth;
    this.authorizationHeader = authorizationHeader;
    this.compactHandshake = compactHandshake;
    this.stopWaiting = stopWaiting;
  }

  /** Whether the session is still open without having joined {@code /app} since it opened. */
  boolean isAnonymous() {
    return app == null && !gone && !joinedOnce;
  }

  /** One Engine.IO message packet's text. */
  @Override
  public void onMessage(String text) {
    SocketIoPacket packet;
    try {
      packet = SocketIoPacket.decode(text);
    } catch (SocketIoPacket.Malformed e) {
      malformed(ClientSocket.NO_ACK, ErrorCode.INVALID_ARGUMENT, "Malformed packet");
      return;
    }
    boolean appPacket = SocketIoSocket.NAMESPACE.equals(packet.namespace());
    if (BoundedJson.tooLarge(packet.data(), maxMessageBytes)) {
      if (appPacket) {
        malformed(
            ack(packet),
            ErrorCode.PAYLOAD_TOO_LARGE,
            "An event may be at most " + maxMessageBytes + " bytes");
      }
      return;
    }
    switch (packet.type()) {
      case SocketIoPacket.CONNECT -> connect(packet);
      case SocketIoPacket.DISCONNECT -> {
        if (appPacket) {
          disconnectApp();
        }
      }
      case SocketIoPacket.EVENT -> {
        if (appPacket) {
          event(packet);
        }
      }
      case SocketIoPacket.BINARY_EVENT, SocketIoPacket.BINARY_ACK -> {
        if (appPacket) {
          malformed(ack(packet), ErrorCode.INVALID_ARGUMENT, "Binary payloads are not supported");
        }
      }
      default -> {
        if (appPacket && packet.type() != SocketIoPacket.ACK) {
          malformed(ack(packet), ErrorCode.INVALID_ARGUMENT, "Unexpected packet");
        }
      }
    }
  }

  /** A binary Engine.IO message: attachments are not supported. */
  @Override
  public void onBinary() {
    malformed(ClientSocket.NO_ACK, ErrorCode.INVALID_ARGUMENT, "Binary payloads are not supported");
  }

  /** An Engine.IO packet that could not be read. */
  @Override
  public void onMalformed() {
    malformed(ClientSocket.NO_ACK, ErrorCode.INVALID_ARGUMENT, "Malformed packet");
  }

  /** The Engine.IO session ended. */
  @Override
  public void onClose() {
    gone = true;
    stopWaiting.run();
    disconnectApp();
  }

  private void connect(SocketIoPacket packet) {
    switch (packet.namespace()) {
      case SocketIoPacket.DEFAULT_NAMESPACE ->
          send(SocketIoPacket.CONNECT, packet.namespace(), sid());
      case SocketIoSocket.NAMESPACE -> connectApp(packet);
      default ->
          send(SocketIoPacket.CONNECT_ERROR, packet.namespace(), error("Invalid namespace", null));
    }
  }

  private void connectApp(SocketIoPacket packet) {
    if (app != null || !connecting.compareAndSet(false, true)) {
      return;
    }
    Optional<JsonNode> auth =
        packet.data().isEmpty() ? Optional.empty() : json.parse(packet.data());
    Optional<String> token = token(auth);
    boolean compact = compactHandshake || auth.map(CompactMode::requested).orElse(false);
    if (token.isEmpty()) {
      connecting.set(false);
      refuseConnect("Auth required", ErrorCode.UNAUTHENTICATED);
      return;
    }
    gate.admit(token.get())
        .whenComplete(
            (admission, failure) -> {
              if (failure != null) {
                connecting.set(false);
                Refusal refusal = Refusal.of(failure);
                refuseConnect(refusal.getMessage(), refusal.code());
                return;
              }
              SocketIoSocket socket = new SocketIoSocket(engine, json, compact);
              App joined = new App(socket, admission.listen(socket));
              synchronized (this) {
                if (gone) {
                  return;
                }
                app = joined;
                joinedOnce = true;
              }
              stopWaiting.run();
              send(SocketIoPacket.CONNECT, SocketIoSocket.NAMESPACE, sid());
              joined.listener().opened();
            });
  }

  private void disconnectApp() {
    App left;
    synchronized (this) {
      left = app;
      app = null;
    }
    if (left != null && left.socket().markClosed()) {
      connecting.set(false);
      left.listener().closed();
    }
  }

  private void event(SocketIoPacket packet) {
    App joined = app;
    if (joined == null) {
      return;
    }
    SocketIoPacket.Event event;
    try {
      event = packet.event(json);
    } catch (SocketIoPacket.Malformed e) {
      malformed(ack(packet), ErrorCode.INVALID_ARGUMENT, e.getMessage());
      return;
    }
    joined.listener().event(event.name(), event.payload(), ack(packet));
  }

  /** The chat layer's ack id of a packet. */
  private static long ack(SocketIoPacket packet) {
    return packet.hasAck() ? packet.ack() : ClientSocket.NO_ACK;
  }

  private void malformed(long ack, ErrorCode code, String message) {
    App joined = app;
    if (joined != null) {
      joined.listener().malformed(ack, code, message);
    }
  }

  /**
   * The {@code CONNECT}'s {@code auth.token}, else the handshake's query parameter {@code auth},
   * else its header.
   */
  private Optional<String> token(Optional<JsonNode> auth) {
    if (auth.isPresent() && auth.get().path("token").isTextual()) {
      Optional<String> token = Bearer.nonBlank(auth.get().path("token").textValue());
      if (token.isPresent()) {
        return token;
      }
    }
    return Bearer.nonBlank(queryAuth)
        .or(() -> Bearer.of(authorizationHeader))
        .or(() -> Bearer.nonBlank(authorizationHeader));
  }

  private void refuseConnect(String message, ErrorCode code) {
    send(SocketIoPacket.CONNECT_ERROR, SocketIoSocket.NAMESPACE, error(message, code));
  }

  private void send(int type, String namespace, String data) {
    engine.send(new SocketIoPacket(type, namespace, data).encode());
  }

  private String error(String message, ErrorCode code) {
    var body = BoundedJson.object().put("message", message);
    if (code != null) {
      body.putObject("data").put("code", code.name());
    }
    return json.write(body);
  }

  private String sid() {
    return json.write(BoundedJson.object().put("sid", newId()));
  }

  /** A Socket.IO session id, as random as an Engine.IO one. */
  private static String newId() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
