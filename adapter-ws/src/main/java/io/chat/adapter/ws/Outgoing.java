package io.chat.adapter.ws;

import java.util.function.Supplier;

/**
 * An event as this adapter sends it, with the list entry it changed if any: names and JSON payloads
 * for however many connections get it. Each payload is built when a connection first needs it
 * ({@link Payloads} keeps what it built): a compact connection needs only {@code merged} (the
 * message with its list entry inside), which answers null when the two cannot merge.
 */
record Outgoing(
    String name,
    Supplier<String> payload,
    String listName,
    Supplier<String> listPayload,
    Supplier<String> merged) {

  /** Payloads already built, as a relayed event brings them. */
  static Outgoing built(
      String name, String payload, String listName, String listPayload, String merged) {
    return new Outgoing(name, () -> payload, listName, () -> listPayload, () -> merged);
  }

  boolean hasListEntry() {
    return listName != null;
  }

  /**
   * Queues it on {@code connection}: as one frame where the client asked for that and it can be.
   */
  void sendTo(Connection connection) {
    if (hasListEntry() && connection.compact()) {
      String both = merged.get();
      if (both != null) {
        connection.emit(name, both);
        return;
      }
    }
    connection.emit(name, payload.get());
    if (hasListEntry()) {
      connection.emit(listName, listPayload.get());
    }
  }
}
