package io.chat.adapter.ws.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.domain.shared.ErrorCode;

/**
 * An admitted client's socket as its protocol carries it (the {@code /app} namespace of Socket.IO,
 * a plain WebSocket): what the chat layer sends through. What the socket receives goes to its
 * {@link Listener}.
 */
public interface ClientSocket {
  /** The ack id of a client event that asked for no acknowledgement. */
  long NO_ACK = -1;

  /** Queues a server event; a socket whose queue overflows closes itself. */
  void emit(String event, String jsonData);

  /** Answers the client event that asked for acknowledgement {@code ack}. */
  void reply(long ack, String jsonData);

  /**
   * Whether the client asked, when it connected, for a message's list entry inside the message's
   * event ({@link CompactMode}).
   */
  boolean compact();

  /** Closes the socket (idempotent); its listener then hears {@link Listener#closed}. */
  void close(CloseReason reason);

  /** The chat layer's side of one socket. */
  interface Listener {
    /** The socket is open: the client has been told it is connected. */
    void opened();

    /** A client event; {@code data} is null when the event carried no payload. */
    void event(String name, JsonNode data, long ack);

    /** A frame that could not be read as an event at all; {@code message} is for the client. */
    void malformed(long ack, ErrorCode code, String message);

    /** The socket is gone; called at most once. */
    void closed();
  }
}
