package io.chat.adapter.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.http.WireFormat;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.out.ChatEvent;
import io.chat.domain.shared.ErrorCode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON of the realtime wire: events as the protocol shapes them, messages and errors through
 * the REST adapter's {@link WireFormat}, and a parser bounded against hostile input.
 */
final class WireJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonMapper mapper;

  WireJson(int maxMessageBytes) {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxStringLength(maxMessageBytes)
            .maxNumberLength(32)
            .build();
    this.mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    mapper.getFactory().setStreamReadConstraints(limits);
  }

  /** The tree of a client's JSON text; empty when it is not one well-formed JSON value. */
  Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = mapper.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  String write(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON string literal of {@code text}. */
  String quote(String text) {
    return write(NODES.textNode(text));
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** The payload of a server event, serialized once for all its recipients. */
  String eventData(ChatEvent event) {
    return write(eventNode(event));
  }

  static ObjectNode eventNode(ChatEvent event) {
    ObjectNode data = object();
    if (event instanceof ChatEvent.MessageNew e) {
      data.put("chatId", e.chatId().value()).set("message", message(e.message()));
    } else if (event instanceof ChatEvent.MessageSent e) {
      data.put("chatId", e.chatId().value()).set("message", message(e.message()));
    } else if (event instanceof ChatEvent.ChatUpdate e) {
      data.put("chatId", e.chatId().value());
      data.put("lastMessage", e.lastMessage().orElse(null));
      data.put("timestamp", instant(e.timestamp()));
      data.put("unreadCount", e.unreadCount());
    } else if (event instanceof ChatEvent.Seen e) {
      data.put("from", e.from().value());
      data.put("chatId", e.chatId().value());
      data.put("messageId", e.messageId().value());
      data.put("seq", e.seq());
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
      data.set("message", message(e.message()));
    } else if (event instanceof ChatEvent.SupportChatUpdate e) {
      data.put("chatId", e.chatId().value());
      data.put("userId", e.userId().value());
      data.put("status", e.status().wire());
      data.put("assignedAdminId", e.assignedAdminId().map(id -> id.value()).orElse(null));
      data.put("lastMessage", e.lastMessage().orElse(null));
      data.put("timestamp", instant(e.timestamp()));
      data.put("unreadCount", e.unreadCount());
    }
    return data;
  }

  /** A message exactly as REST shows it. */
  static ObjectNode message(MessageView view) {
    return WireFormat.message(view);
  }

  static String instant(Instant instant) {
    return WireFormat.instant(instant);
  }

  /** {@code {"code", "message"}}, as in the REST envelope's {@code error}. */
  static ObjectNode error(ErrorCode code, String message) {
    return WireFormat.error(code, message);
  }

  /** Whether a text is over {@code limit} bytes in UTF-8, counting only when it could be. */
  static boolean tooLarge(String text, int limit) {
    if (text.length() * 3L <= limit) {
      return false;
    }
    return text.length() > limit || text.getBytes(StandardCharsets.UTF_8).length > limit;
  }
}
