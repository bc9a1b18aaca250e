package io.chat.adapter.ws.engineio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An Engine.IO 4 packet as text: its type's one character, then its data ({@code 4hello} is the
 * message {@code hello}, {@code 2probe} a ping carrying {@code probe}). A long-polling payload is
 * packets joined by the record separator. Read without trusting it: the only malformed packets here
 * are an empty one and one of an unknown type; what a message carries is the next layer's.
 */
record EnginePacket(Type type, String data) {
  static final char SEPARATOR = '\u001e';

  /** The packet types of Engine.IO 4, by their character on the wire. */
  enum Type {
    OPEN('0'),
    CLOSE('1'),
    PING('2'),
    PONG('3'),
    MESSAGE('4'),
    UPGRADE('5'),
    NOOP('6'),
    /** A binary message as long-polling carries it: {@code b}, then base64 (left undecoded). */
    BINARY('b');

    private final char code;

    Type(char code) {
      this.code = code;
    }

    char code() {
      return code;
    }

    private static Type of(char code) {
      for (Type type : values()) {
        if (type.code == code) {
          return type;
        }
      }
      return null;
    }
  }

  /** Why a text is no Engine.IO packet; its message is for logs and tests, not for clients. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  EnginePacket {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  /** A packet without data. */
  static EnginePacket of(Type type) {
    return new EnginePacket(type, "");
  }

  /** One packet of a WebSocket text frame or of a polling payload. */
  static EnginePacket decode(String text) throws Malformed {
    if (text.isEmpty()) {
      throw new Malformed("An empty packet");
    }
    Type type = Type.of(text.charAt(0));
    if (type == null) {
      throw new Malformed("Unknown packet type " + text.charAt(0));
    }
    return new EnginePacket(type, text.substring(1));
  }

  String encode() {
    return type.code + data;
  }

  /** The packets of a polling POST's body; an empty body is one empty (malformed) packet. */
  static List<String> splitPayload(String body) {
    List<String> packets = new ArrayList<>();
    int start = 0;
    while (start <= body.length()) {
      int end = body.indexOf(SEPARATOR, start);
      if (end < 0) {
        end = body.length();
      }
      packets.add(body.substring(start, end));
      start = end + 1;
    }
    return packets;
  }

  /** Encoded packets as one polling payload, in their order. */
  static String joinPayload(Iterable<String> packets) {
    return String.join(String.valueOf(SEPARATOR), packets);
  }

  /** Whether the last packet of a polling payload is a close. */
  static boolean endsWithClose(String payload) {
    String close = of(Type.CLOSE).encode();
    return payload.equals(close) || payload.endsWith(SEPARATOR + close);
  }

  /** The {@code open} packet that answers a handshake. */
  static String open(
      String sid, boolean canUpgrade, long pingIntervalMs, long pingTimeoutMs, int maxPayload) {
    ObjectNode open = JsonNodeFactory.instance.objectNode().put("sid", sid);
    var upgrades = open.putArray("upgrades");
    if (canUpgrade) {
      upgrades.add("websocket");
    }
    open.put("pingInterval", pingIntervalMs);
    open.put("pingTimeout", pingTimeoutMs);
    open.put("maxPayload", maxPayload);
    return new EnginePacket(Type.OPEN, open.toString()).encode();
  }
}
