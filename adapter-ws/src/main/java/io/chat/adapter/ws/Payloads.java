package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.out.ChatEvent;
import java.util.List;

/**
 * The JSON text of what goes out to clients, each built once however many get it: a message once
 * for every event and ack that carries an equal view of it (the sender's and the recipient's views
 * of a new message usually are), an event's payload once for its whole audience, and a message
 * event with its list entry inside (compact mode) once per pair. Thread-safe.
 */
final class Payloads {
  private final BoundedJson json;
  private final Memo messages = Memo.byEquality();
  private final Memo events = Memo.byIdentity();

  Payloads(BoundedJson json) {
    this.json = json;
  }

  /** A message exactly as REST shows it: a node that writes its text, built once per view. */
  JsonNode message(MessageView view) {
    String text = messages.get(view, () -> json.write(WireJson.message(view)));
    return JsonNodeFactory.instance.rawValueNode(new RawValue(text));
  }

  /** The payload of {@code event}. */
  String event(ChatEvent event) {
    return events.get(event, () -> json.write(WireJson.eventNode(event, this::message)));
  }

  /**
   * The payload of a message event (one of {@link #mergeable}) with the list entry it changed as
   * its field {@code chat}: the entry's fields but those the message event has already ({@code
   * chatId}, and staff's {@code userId}).
   */
  String merged(ChatEvent message, ChatEvent listEntry) {
    return events.get(
        message,
        listEntry,
        () -> {
          ObjectNode chat = WireJson.eventNode(listEntry);
          chat.remove(List.of("chatId", "userId"));
          ObjectNode data = WireJson.eventNode(message, this::message);
          data.set("chat", chat);
          return json.write(data);
        });
  }

  /**
   * {@code event}, and {@code listEntry} unless null, as they go out; each payload is built when a
   * connection first asks for it.
   */
  Outgoing outgoing(ChatEvent event, ChatEvent listEntry) {
    if (listEntry == null) {
      return new Outgoing(event.name(), () -> event(event), null, null, () -> null);
    }
    boolean mergeable = mergeable(event, listEntry);
    return new Outgoing(
        event.name(),
        () -> event(event),
        listEntry.name(),
        () -> event(listEntry),
        () -> mergeable ? merged(event, listEntry) : null);
  }

  /**
   * Whether {@code listEntry} may ride inside {@code message}: {@code chat:update} in {@code
   * message:new} or {@code message:sent}, {@code admin_support:chat:update} in {@code
   * admin_support:message:new}, of the same chat (and user).
   */
  static boolean mergeable(ChatEvent message, ChatEvent listEntry) {
    if (listEntry instanceof ChatEvent.ChatUpdate entry) {
      return message instanceof ChatEvent.MessageNew m && m.chatId().equals(entry.chatId())
          || message instanceof ChatEvent.MessageSent s && s.chatId().equals(entry.chatId());
    }
    return listEntry instanceof ChatEvent.SupportChatUpdate entry
        && message instanceof ChatEvent.SupportMessageNew m
        && m.chatId().equals(entry.chatId())
        && m.userId().equals(entry.userId());
  }
}
