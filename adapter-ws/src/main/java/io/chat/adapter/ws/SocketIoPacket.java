package io.chat.adapter.ws;

import java.util.Optional;

/**
 * A Socket.IO v5 packet as text ({@code <type>[<attachments>-][<namespace>,][<ack id>][<data>]}),
 * read without trusting it: the header is parsed by hand, the data is left for the JSON parser.
 */
record SocketIoPacket(int type, String namespace, long ack, String data) {
  static final int CONNECT = 0;
  static final int DISCONNECT = 1;
  static final int EVENT = 2;
  static final int ACK = 3;
  static final int CONNECT_ERROR = 4;
  static final int BINARY_EVENT = 5;
  static final int BINARY_ACK = 6;
  private static final int MAX_ACK_DIGITS = 15;
  private static final int MAX_NAMESPACE = 128;

  /** The packet, or empty when even its header is malformed. */
  static Optional<SocketIoPacket> parse(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    int type = text.charAt(0) - '0';
    if (type < CONNECT || type > BINARY_ACK) {
      return Optional.empty();
    }
    int i = 1;
    int length = text.length();
    if (type == BINARY_EVENT || type == BINARY_ACK) {
      int start = i;
      while (i < length && Character.isDigit(text.charAt(i)) && i - start < 6) {
        i++;
      }
      if (i == start || i >= length || text.charAt(i) != '-') {
        return Optional.empty();
      }
      i++;
    }
    String namespace = "/";
    if (i < length && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      int end = comma < 0 ? length : comma;
      if (end - i > MAX_NAMESPACE) {
        return Optional.empty();
      }
      namespace = text.substring(i, end);
      i = comma < 0 ? length : comma + 1;
    }
    long ack = ClientEvents.NO_ACK;
    int digits = i;
    while (i < length && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (i > digits) {
      if (i - digits > MAX_ACK_DIGITS) {
        return Optional.empty();
      }
      ack = Long.parseLong(text.substring(digits, i));
    }
    return Optional.of(new SocketIoPacket(type, namespace, ack, text.substring(i)));
  }
}
