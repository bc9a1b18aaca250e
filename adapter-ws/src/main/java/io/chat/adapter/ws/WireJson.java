package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.wire.Envelope;
import io.chat.adapter.wire.Json;
import io.chat.adapter.wire.Wire;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.out.ChatEvent;
import io.chat.domain.shared.ErrorCode;
import java.time.Instant;
import java.util.function.Function;

/**
 * The chat layer's JSON: server events as the protocol shapes them, and messages and errors as the
 * wire writes them for REST too.
 */
final class WireJson {
  private WireJson() {}

  static ObjectNode object() {
    return BoundedJson.object();
  }

  /** The payload of a server event. */
  static ObjectNode eventNode(ChatEvent event) {
    return eventNode(event, WireJson::message);
  }

  /** The payload of a server event whose message, if it has one, is {@code message}'s. */
  static ObjectNode eventNode(ChatEvent event, Function<MessageView, JsonNode> message) {
    ObjectNode data = object();
    if (event instanceof ChatEvent.MessageNew e) {
      data.put("chatId", e.chatId().value()).set("message", message.apply(e.message()));
    } else if (event instanceof ChatEvent.MessageSent e) {
      data.put("chatId", e.chatId().value()).set("message", message.apply(e.message()));
    } else if (event instanceof ChatEvent.MessageChanged e) {
      // message:edited, message:deleted, message:reaction, message:pinned, message:unpinned
      data.setAll(Json.tree(Wire.messageChanged(e)));
    } else if (event instanceof ChatEvent.ChatUpdate e) {
      data.put("chatId", e.chatId().value());
      data.put("lastMessage", e.lastMessage().orElse(null));
      data.put("timestamp", instant(e.timestamp()));
      if (e.unreadCount().isPresent()) {
        data.put("unreadCount", e.unreadCount().getAsLong());
      }
    } else if (event instanceof ChatEvent.Seen e) {
      data.put("from", e.from().value());
      data.put("chatId", e.chatId().value());
      data.put("messageId", e.messageId().value());
      data.put("seq", e.seq());
    } else if (event instanceof ChatEvent.Delivered e) {
      data.setAll(Json.tree(Wire.delivered(e)));
    } else if (event instanceof ChatEvent.ChatArchived e) {
      data.setAll(Json.tree(Wire.chatArchived(e)));
    } else if (event instanceof ChatEvent.Typing e) {
      data.put("from", e.from().value());
      data.put("chatId", e.chatId().value());
      data.put("isTyping", e.isTyping());
    } else if (event instanceof ChatEvent.ChatCleared e) {
      data.put("chatId", e.chatId().value()).put("clearedUpTo", e.clearedUpTo());
    } else if (event instanceof ChatEvent.UserOnline e) {
      data.put("userId", e.userId().value());
    } else if (event instanceof ChatEvent.UserOffline e) {
      data.put("userId", e.userId().value());
    } else if (event instanceof ChatEvent.SupportMessageNew e) {
      data.put("chatId", e.chatId().value());
      data.put("userId", e.userId().value());
      data.set("message", message.apply(e.message()));
    } else if (event instanceof ChatEvent.SupportChatUpdate e) {
      data.put("chatId", e.chatId().value());
      data.put("userId", e.userId().value());
      data.put("status", e.status().wire());
      data.put("assignedAdminId", e.assignedAdminId().map(id -> id.value()).orElse(null));
      data.put("lastMessage", e.lastMessage().orElse(null));
      data.put("timestamp", instant(e.timestamp()));
      data.put("unreadCount", e.unreadCount());
    } else if (event instanceof ChatEvent.MembersChanged e) {
      data.put("chatId", e.chatId().value());
      data.put("by", e.actor().value());
      ArrayNode members = data.putArray("members");
      e.members().forEach(m -> members.add(m.value()));
      e.role().ifPresent(r -> data.put("role", r.wire()));
    } else if (event instanceof ChatEvent.GroupUpdated e) {
      data.put("chatId", e.chatId().value());
      data.set("group", Json.tree(Wire.group(e.group())));
    }
    return data;
  }

  /** A message exactly as REST shows it. */
  static ObjectNode message(MessageView view) {
    return Json.tree(Wire.message(view));
  }

  static String instant(Instant instant) {
    return Json.instant(instant);
  }

  /** {@code {"code", "message"}}, as in the REST envelope's {@code error}. */
  static ObjectNode error(ErrorCode code, String message) {
    return Json.tree(Envelope.error(code.name(), message));
  }
}
