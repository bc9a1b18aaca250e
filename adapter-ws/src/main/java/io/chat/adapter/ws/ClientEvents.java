package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.wire.Json;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.application.port.in.TypingOutcome;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one event layer of both transports: reads a client event, calls the same use case as REST,
 * and answers with the ack ({@code {"ok": true, ...}} or {@code {"ok": false, "error": ...}}) or,
 * when the client asked for none, with {@code message:error} on failure. A refused event changes
 * nothing.
 */
final class ClientEvents {
  private static final int ECHO_LIMIT = 64;
  private static final Set<String> SEND_FIELDS =
      Set.of("to", "chatId", "text", "clientMessageId", "mentions", "replyTo");
  private static final Set<String> EDIT_FIELDS = Set.of("chatId", "messageId", "text");
  private static final Set<String> DELETE_FIELDS = Set.of("chatId", "messageId", "forEveryone");
  private static final Set<String> REACT_FIELDS = Set.of("chatId", "messageId", "emoji", "on");
  private static final Set<String> PIN_FIELDS = Set.of("chatId", "messageId", "on");
  private static final Set<String> DELIVERED_FIELDS = Set.of("chatId", "seq");
  private static final Set<String> TYPING_FIELDS = Set.of("to", "chatId", "isTyping");
  private static final int MAX_MENTIONS = 1_000;
  private static final Set<String> SEEN_FIELDS = Set.of("to", "messageId", "chatId");

  private final RealtimeUseCases useCases;
  private final BoundedJson json;
  private final Payloads payloads;
  private final CallEvents calls;

  ClientEvents(RealtimeUseCases useCases, BoundedJson json, Payloads payloads) {
    this.useCases = useCases;
    this.json = json;
    this.payloads = payloads;
    this.calls = new CallEvents(useCases.calls(), json);
  }

  /** The call events' layer, which hears of closed connections too. */
  CallEvents calls() {
    return calls;
  }

  /** A client event; {@code data} is null when the event carried no payload. */
  void handle(Connection connection, String event, JsonNode data, long ack) {
    switch (connection.admit()) {
      case TOO_MANY_IN_FLIGHT -> {
        refuse(connection, event, data, ack, ErrorCode.RATE_LIMITED, "Too many events in flight");
        return;
      }
      case SERVER_SLOW -> {
        refuse(
            connection,
            event,
            data,
            ack,
            ErrorCode.UNAVAILABLE,
            "The server is slow to answer, retry shortly");
        return;
      }
      case TOO_FAST -> {
        refuse(connection, event, data, ack, ErrorCode.RATE_LIMITED, "Too many events, slow down");
        return;
      }
      case ADMITTED -> {}
    }
    connection.serially(
        () ->
            dispatch(connection, event, data)
                .whenComplete(
                    (answer, failure) -> {
                      if (failure != null) {
                        Failures.Failure f = Failures.of(failure);
                        refuse(connection, event, data, ack, f.code(), f.message());
                      } else if (ack != ClientSocket.NO_ACK) {
                        connection.reply(ack, json.write(answer));
                      }
                    }));
  }

  /** A frame that could not be read as an event at all. */
  void malformed(Connection connection, long ack, ErrorCode code, String message) {
    refuse(connection, null, null, ack, code, message);
  }

  private CompletionStage<ObjectNode> dispatch(Connection connection, String event, JsonNode data) {
    try {
      if (CallEvents.handles(event)) {
        return calls.handle(connection, event, data);
      }
      return switch (event) {
        case "sendMessage" -> sendMessage(connection, object(data, SEND_FIELDS));
        case "typing" -> typing(connection, object(data, TYPING_FIELDS));
        case "seen" -> seen(connection, object(data, SEEN_FIELDS));
        case "editMessage" -> editMessage(connection, object(data, EDIT_FIELDS));
        case "deleteMessage" -> deleteMessage(connection, object(data, DELETE_FIELDS));
        case "react" -> react(connection, object(data, REACT_FIELDS));
        case "pinMessage" -> pinMessage(connection, object(data, PIN_FIELDS));
        case "delivered" -> delivered(connection, object(data, DELIVERED_FIELDS));
        default -> throw new InvalidArgumentException("Unknown event: " + echo(event));
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<ObjectNode> sendMessage(Connection connection, JsonNode data) {
    Optional<ChatId> chatId = chatInsteadOfTo(data);
    String text = Json.requiredString(data, "text");
    Optional<ClientMessageId> clientMessageId =
        Json.optionalString(data, "clientMessageId").map(ClientMessageId::fromClient);
    List<UserId> mentions = userIds(data, "mentions");
    Optional<MessageId> replyTo = Json.optionalString(data, "replyTo").map(MessageId::of);
    UserId me = connection.actor().id();
    CompletionStage<Sent> stored;
    if (chatId.isPresent()) {
      stored =
          useCases
              .chats()
              .send(
                  me, chatId.get(), new Outgoing(text, clientMessageId, mentions, replyTo, false));
    } else {
      if (!mentions.isEmpty()) {
        throw new InvalidArgumentException("mentions are for groups");
      }
      if (replyTo.isPresent()) {
        // The answered message is named within its chat: name the chat by its id.
        throw new InvalidArgumentException("replyTo needs the chat by chatId");
      }
      UserId to = UserId.of(Json.requiredString(data, "to"));
      stored = useCases.sendMessage().send(new SendMessage(me, to, text, clientMessageId));
    }
    return stored.thenApply(sent -> withMessage(sent.message()));
  }

  /** Replaces the text of the caller's own message ({@code message:edited} to the chat). */
  private CompletionStage<ObjectNode> editMessage(Connection connection, JsonNode data) {
    ChatId chatId = ChatId.of(Json.requiredString(data, "chatId"));
    MessageId messageId = MessageId.of(Json.requiredString(data, "messageId"));
    String text = Json.requiredString(data, "text");
    return useCases
        .lifecycle()
        .edit(connection.actor(), chatId, messageId, text)
        .thenApply(this::withMessage);
  }

  /** Deletes a message for the caller only (by default) or for everyone. */
  private CompletionStage<ObjectNode> deleteMessage(Connection connection, JsonNode data) {
    ChatId chatId = ChatId.of(Json.requiredString(data, "chatId"));
    MessageId messageId = MessageId.of(Json.requiredString(data, "messageId"));
    boolean forEveryone = optionalBoolean(data, "forEveryone").orElse(false);
    return useCases
        .lifecycle()
        .delete(connection.actor(), chatId, messageId, forEveryone)
        .thenApply(this::withMessage);
  }

  /** Adds ({@code on}, the default) or takes back the caller's reaction. */
  private CompletionStage<ObjectNode> react(Connection connection, JsonNode data) {
    ChatId chatId = ChatId.of(Json.requiredString(data, "chatId"));
    MessageId messageId = MessageId.of(Json.requiredString(data, "messageId"));
    String emoji = Json.requiredString(data, "emoji");
    boolean on = optionalBoolean(data, "on").orElse(true);
    return useCases
        .lifecycle()
        .react(connection.actor(), chatId, messageId, emoji, on)
        .thenApply(this::withMessage);
  }

  /** Pins ({@code on}, the default) or unpins a message. */
  private CompletionStage<ObjectNode> pinMessage(Connection connection, JsonNode data) {
    ChatId chatId = ChatId.of(Json.requiredString(data, "chatId"));
    MessageId messageId = MessageId.of(Json.requiredString(data, "messageId"));
    boolean on = optionalBoolean(data, "on").orElse(true);
    return useCases
        .lifecycle()
        .pin(connection.actor(), chatId, messageId, on)
        .thenApply(this::withMessage);
  }

  /**
   * A delivery receipt: one of the caller's devices received the chat up to {@code seq} (the
   * highest it holds, so receipts are cumulative and may be coalesced). A repeated or lower one
   * answers the mark and tells nobody. Clients send one per message they receive: this asks no more
   * of the store than the use case does, and answers the mark alone.
   */
  private CompletionStage<ObjectNode> delivered(Connection connection, JsonNode data) {
    ChatId chatId = ChatId.of(Json.requiredString(data, "chatId"));
    long seq = requiredSeq(data, "seq");
    return useCases
        .chats()
        .markDelivered(connection.actor().id(), chatId, seq)
        .thenApply(
            mark ->
                ok().put("chatId", mark.chatId().value()).put("deliveredSeq", mark.deliveredSeq()));
  }

  /**
   * {@code {"ok": true, "chatId", "message"}}: the message as the caller now sees it (its text
   * shared with the events that carry an equal view of it).
   */
  private ObjectNode withMessage(MessageView message) {
    ObjectNode answer = ok().put("chatId", message.chatId().value());
    answer.set("message", payloads.message(message));
    return answer;
  }

  private CompletionStage<ObjectNode> typing(Connection connection, JsonNode data) {
    Optional<ChatId> chatId = chatInsteadOfTo(data);
    boolean isTyping = optionalBoolean(data, "isTyping").orElse(true);
    UserId me = connection.actor().id();
    CompletionStage<TypingOutcome> outcome =
        chatId.isPresent()
            ? useCases.chats().typing(me, chatId.get(), isTyping)
            : useCases
                .relayTyping()
                .relayTyping(me, UserId.of(Json.requiredString(data, "to")), isTyping);
    return outcome.thenApply(o -> ok().put("relayed", o == TypingOutcome.RELAYED));
  }

  /** The chat an event names by id (any chat type) instead of by the other user ({@code to}). */
  private static Optional<ChatId> chatInsteadOfTo(JsonNode data) {
    Optional<ChatId> chatId = Json.optionalString(data, "chatId").map(ChatId::of);
    if (chatId.isPresent() && data.has("to") && !data.get("to").isNull()) {
      throw new InvalidArgumentException("Name the chat by to or by chatId, not both");
    }
    return chatId;
  }

  private static List<UserId> userIds(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray() || value.size() > MAX_MENTIONS) {
      throw new InvalidArgumentException(
          field + " must be an array of at most " + MAX_MENTIONS + " user ids");
    }
    List<UserId> ids = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new InvalidArgumentException(field + " must be an array of user ids");
      }
      ids.add(UserId.of(item.textValue()));
    }
    return List.copyOf(ids);
  }

  private CompletionStage<ObjectNode> seen(Connection connection, JsonNode data) {
    if (!data.has("to") || data.get("to").isNull()) {
      // By chat id alone (any chat type, groups included): read up to the chat's last entry.
      ChatId chatId = ChatId.of(Json.requiredString(data, "chatId"));
      if (data.has("messageId") && !data.get("messageId").isNull()) {
        // Marking up to one message is the pair form's ({to, messageId}); by chat id, all is read.
        throw new InvalidArgumentException("seen by chatId marks the whole chat: omit messageId");
      }
      return useCases
          .chats()
          .markRead(connection.actor().id(), chatId)
          .thenApply(
              mark -> ok().put("chatId", mark.chatId().value()).put("seenUpTo", mark.seenUpTo()));
    }
    UserId to = UserId.of(Json.requiredString(data, "to"));
    MessageId messageId = MessageId.of(Json.requiredString(data, "messageId"));
    // The pair names the chat; a chatId is accepted for clients that send one, and must be an id.
    Json.optionalString(data, "chatId").map(ChatId::of);
    return useCases
        .markSeen()
        .markSeen(connection.actor().id(), to, messageId)
        .thenApply(
            mark -> ok().put("chatId", mark.chatId().value()).put("seenUpTo", mark.seenUpTo()));
  }

  private void refuse(
      Connection connection,
      String event,
      JsonNode data,
      long ack,
      ErrorCode code,
      String message) {
    ObjectNode error = WireJson.error(code, message);
    if (ack != ClientSocket.NO_ACK) {
      ObjectNode answer = WireJson.object().put("ok", false);
      answer.set("error", error);
      connection.reply(ack, json.write(answer));
      return;
    }
    ObjectNode body = WireJson.object();
    body.set("error", error);
    if (event != null) {
      body.put("event", echo(event));
    }
    if (data != null && data.path("clientMessageId").isTextual()) {
      String clientMessageId = data.path("clientMessageId").asText();
      if (clientMessageId.length() <= ClientMessageId.MAX_LENGTH) {
        body.put("clientMessageId", clientMessageId);
      }
    }
    connection.emit("message:error", json.write(body));
  }

  private static ObjectNode ok() {
    return WireJson.object().put("ok", true);
  }

  /**
   * The payload, an object with no field but {@code allowed}: as REST refuses unknown body fields,
   * so that a client sending {@code from} or {@code senderId} learns at once that it cannot choose
   * the sender, instead of having the field dropped silently.
   */
  private static JsonNode object(JsonNode data, Set<String> allowed) {
    return Json.payloadObject(data, allowed);
  }

  /** A position in a chat's timeline: a JSON integer from 0 (not a string, not a fraction). */
  private static long requiredSeq(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidArgumentException(field + " is required");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new InvalidArgumentException(field + " must be a non-negative integer");
    }
    return value.longValue();
  }

  private static Optional<Boolean> optionalBoolean(JsonNode data, String field) {
    JsonNode value = data.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw new InvalidArgumentException(field + " must be true or false");
    }
    return Optional.of(value.booleanValue());
  }

  private static String echo(String event) {
    return event.length() <= ECHO_LIMIT ? event : event.substring(0, ECHO_LIMIT);
  }
}
