package io.chat.adapter.ws.transport;

/** Why the server ends a socket; the plain WebSocket sends the code and text in its close frame. */
public enum CloseReason {
  TOKEN_EXPIRED(4401, "Token expired"),
  SLOW_CONSUMER(1008, "Outbound queue overflow"),
  TRANSPORT_LIMIT(1009, "Message too big"),
  HEARTBEAT(1001, "Ping timeout"),
  NO_CONNECT(1008, "No authenticated CONNECT in time"),
  SHUTDOWN(1001, "Server shutting down"),
  CLIENT(1000, "Closed");

  private final int code;
  private final String text;

  CloseReason(int code, String text) {
    this.code = code;
    this.text = text;
  }

  public int code() {
    return code;
  }

  public String text() {
    return text;
  }
}
