package io.chat.adapter.ws.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.ws.transport.BoundedJson;
import java.util.Objects;
import java.util.Optional;

/**
 * A Socket.IO v5 packet as text ({@code <type>[<attachments>-][<namespace>,][<ack id>][<data>]}),
 * read without trusting it: the header is parsed by hand, the data is left for the JSON parser
 * ({@link #event} reads an event's). The default namespace {@code /} is written by leaving it out.
 */
record SocketIoPacket(int type, int attachments, String namespace, long ack, String data) {
  static final int CONNECT = 0;
  static final int DISCONNECT = 1;
  static final int EVENT = 2;
  static final int ACK = 3;
  static final int CONNECT_ERROR = 4;
  static final int BINARY_EVENT = 5;
  static final int BINARY_ACK = 6;
  static final String DEFAULT_NAMESPACE = "/";

  /** The ack id of a packet that carries none. */
  static final long NO_ACK = -1;

  private static final int MAX_ATTACHMENT_DIGITS = 6;
  private static final int MAX_ACK_DIGITS = 15;
  private static final int MAX_NAMESPACE = 128;

  /** Why a text is no Socket.IO packet, or no event; see each use for what a client is told. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** An event's name and payload; the payload is null when the event carried none. */
  record Event(String name, JsonNode payload) {}

  SocketIoPacket {
    if (type < CONNECT || type > BINARY_ACK) {
      throw new IllegalArgumentException("No Socket.IO packet type: " + type);
    }
    if (attachments < 0 || attachments > 0 && !binary(type)) {
      throw new IllegalArgumentException("Only binary packets have attachments");
    }
    Objects.requireNonNull(namespace, "namespace");
    if (!namespace.startsWith("/")) {
      throw new IllegalArgumentException("A namespace starts with /");
    }
    if (ack < NO_ACK) {
      throw new IllegalArgumentException("An ack id is not negative");
    }
    Objects.requireNonNull(data, "data");
  }

  /** A packet that is neither binary nor asks for an ack. */
  SocketIoPacket(int type, String namespace, String data) {
    this(type, 0, namespace, NO_ACK, data);
  }

  /** An event to the client: {@code [name, payload]}, {@code jsonData} being JSON already. */
  static SocketIoPacket event(String namespace, String name, String jsonData, BoundedJson json) {
    return new SocketIoPacket(EVENT, namespace, "[" + json.quote(name) + "," + jsonData + "]");
  }

  /** The answer to the client's event {@code ack}: {@code [payload]}. */
  static SocketIoPacket ack(String namespace, long ack, String jsonData) {
    return new SocketIoPacket(ACK, 0, namespace, ack, "[" + jsonData + "]");
  }

  boolean hasAck() {
    return ack != NO_ACK;
  }

  /** The packet, unless even its header is malformed. */
  static SocketIoPacket decode(String text) throws Malformed {
    if (text.isEmpty()) {
      throw new Malformed("An empty packet");
    }
    int type = text.charAt(0) - '0';
    if (type < CONNECT || type > BINARY_ACK) {
      throw new Malformed("Unknown packet type " + text.charAt(0));
    }
    int i = 1;
    int length = text.length();
    int attachments = 0;
    if (binary(type)) {
      int start = i;
      while (i < length && Character.isDigit(text.charAt(i)) && i - start < MAX_ATTACHMENT_DIGITS) {
        i++;
      }
      if (i == start || i >= length || text.charAt(i) != '-') {
        throw new Malformed("A binary packet starts with its attachment count (1 to 6 digits), -");
      }
      attachments = Integer.parseInt(text.substring(start, i));
      i++;
    }
    String namespace = DEFAULT_NAMESPACE;
    if (i < length && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      int end = comma < 0 ? length : comma;
      if (end - i > MAX_NAMESPACE) {
        throw new Malformed("A namespace is at most " + MAX_NAMESPACE + " characters");
      }
      namespace = text.substring(i, end);
      i = comma < 0 ? length : comma + 1;
    }
    long ack = NO_ACK;
    int digits = i;
    while (i < length && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i > digits) {
      if (i - digits > MAX_ACK_DIGITS) {
        throw new Malformed("An ack id is at most " + MAX_ACK_DIGITS + " digits");
      }
      ack = Long.parseLong(text.substring(digits, i));
    }
    return new SocketIoPacket(type, attachments, namespace, ack, text.substring(i));
  }

  String encode() {
    StringBuilder text = new StringBuilder(data.length() + namespace.length() + 24);
    text.append((char) ('0' + type));
    if (binary(type)) {
      text.append(attachments).append('-');
    }
    if (!namespace.equals(DEFAULT_NAMESPACE)) {
      text.append(namespace).append(',');
    }
    if (hasAck()) {
      text.append(ack);
    }
    return text.append(data).toString();
  }

  /**
   * The name and payload of an event, whose data is a JSON array whose first element is a non-empty
   * string; the messages of the failures are for the client.
   */
  Event event(BoundedJson json) throws Malformed {
    Optional<JsonNode> args = json.parse(data);
    if (args.isEmpty() || !args.get().isArray() || args.get().isEmpty()) {
      throw new Malformed("An event is [name, payload]");
    }
    JsonNode name = args.get().get(0);
    if (!name.isTextual() || name.textValue().isEmpty()) {
      throw new Malformed("An event name is a non-empty string");
    }
    return new Event(name.textValue(), args.get().get(1));
  }

  private static boolean binary(int type) {
    return type == BINARY_EVENT || type == BINARY_ACK;
  }
}
