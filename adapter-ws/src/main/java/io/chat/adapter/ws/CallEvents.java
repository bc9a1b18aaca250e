package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.wire.Json;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.in.CallSignalingUseCase;
import io.chat.application.port.in.CallView;
import io.chat.application.port.in.InviteCall;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallStateException;
import io.chat.domain.call.CallType;
import io.chat.domain.call.DeviceId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.Failures;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code call:*} client events of both transports: the connection is the device, the
 * authenticated user is {@code from} (a {@code from} in the payload must be that user, for clients
 * that send one, and is never taken from it). Offers, answers and candidates pass on as the client
 * wrote them, to the other device of the call only.
 */
final class CallEvents {
  /**
   * This process among the nodes that may share a call: a connection's number is unique within a
   * process only, so a device is named by both.
   */
  private static final String PROCESS =
      Long.toString(
          java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

  private static final Logger LOG = LoggerFactory.getLogger(CallEvents.class);
  private static final String FROM = "from";
  private static final String CALL_ID = "callId";
  private static final Set<String> INVITE_FIELDS =
      Set.of("to", "chatId", "callType", CALL_ID, FROM);
  private static final Set<String> CALL_FIELDS = Set.of(CALL_ID, FROM);

  /** Each relayed event, with the one field it must carry (null: none) and what it must be. */
  private static final Map<String, Field> RELAYED =
      Map.of(
          "call:offer", new Field("offer", Kind.SESSION),
          "call:answer", new Field("answer", Kind.SESSION),
          "call:ice-candidate", new Field("candidate", Kind.SESSION),
          "call:mute", new Field("muted", Kind.FLAG),
          "call:video", new Field("enabled", Kind.FLAG),
          "call:camera-switch", new Field(null, Kind.ANY));

  private enum Kind {
    /** An object ({@code {type, sdp}}, a candidate) or a string. */
    SESSION,
    FLAG,
    ANY
  }

  private record Field(String name, Kind kind) {}

  private final Optional<CallSignalingUseCase> enabled;
  private final BoundedJson json;

  CallEvents(Optional<CallSignalingUseCase> calls, BoundedJson json) {
    this.enabled = calls;
    this.json = json;
  }

  /** Whether {@code event} is one of these. */
  static boolean handles(String event) {
    return event.startsWith("call:");
  }

  /** The device id of a connection: unique in this process, never reused. */
  static DeviceId device(Connection connection) {
    return DeviceId.of("c" + connection.id() + "." + PROCESS);
  }

  /** This process' tag, the end of every device id of its connections. */
  static String process() {
    return PROCESS;
  }

  /** Whether {@code device} was a connection of the process tagged {@code process}. */
  static boolean ofProcess(DeviceId device, String process) {
    return device.value().endsWith("." + process);
  }

  CompletionStage<ObjectNode> handle(Connection connection, String event, JsonNode data) {
    CallSignalingUseCase calls =
        enabled.orElseThrow(
            () -> new InvalidArgumentException("Calls are not enabled on this server"));
    if (connection.isClosed()) {
      // Queued before the socket closed, run after: a closed connection is no device of a call.
      throw new CallStateException("The connection closed");
    }
    UserId me = connection.actor().id();
    DeviceId device = device(connection);
    switch (event) {
      case "call:invite" -> {
        JsonNode d = payload(data, INVITE_FIELDS, me);
        Optional<String> to = Json.optionalString(d, "to");
        Optional<String> chatId = Json.optionalString(d, "chatId");
        InviteCall invite =
            new InviteCall(
                me,
                device,
                to.map(UserId::of),
                chatId.map(ChatId::of),
                CallType.fromWire(Json.requiredString(d, "callType")),
                Json.optionalString(d, CALL_ID).map(CallId::of));
        return calls.invite(invite).thenApply(CallEvents::withCall);
      }
      case "call:accept" -> {
        CallId id = callId(payload(data, CALL_FIELDS, me));
        return calls.accept(me, device, id).thenApply(CallEvents::withCall);
      }
      case "call:reject" -> {
        CallId id = callId(payload(data, CALL_FIELDS, me));
        return calls.reject(me, id).thenApply(CallEvents::withCall);
      }
      case "call:end" -> {
        CallId id = callId(payload(data, CALL_FIELDS, me));
        return calls.hangUp(me, id).thenApply(CallEvents::withCall);
      }
      default -> {
        Field field = RELAYED.get(event);
        if (field == null) {
          throw new InvalidArgumentException("Unknown event: " + Json.printable(event));
        }
        JsonNode d = payload(data, null, me);
        CallId id = callId(d);
        ObjectNode fields = ((ObjectNode) d).deepCopy();
        fields.remove(CALL_ID);
        fields.remove(FROM);
        if (field.name() != null) {
          Json.requireOnly(fields, Set.of(field.name()));
          JsonNode value = fields.get(field.name());
          boolean fits =
              value != null
                  && switch (field.kind()) {
                    case SESSION -> value.isObject() || value.isTextual();
                    case FLAG -> value.isBoolean();
                    case ANY -> true;
                  };
          if (!fits) {
            throw new InvalidArgumentException(
                field.name()
                    + (field.kind() == Kind.FLAG
                        ? " must be true or false"
                        : " must be an object or a string"));
          }
        }
        return calls
            .relay(me, device, id, event, json.write(fields))
            .thenApply(done -> WireJson.object().put("ok", true));
      }
    }
  }

  /** The connection closed: if it was a device in a call, its side is away from now. */
  CompletionStage<Void> gone(Connection connection) {
    if (enabled.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return enabled
        .get()
        .deviceGone(connection.actor().id(), device(connection))
        .exceptionally(
            failure -> {
              LOG.warn(
                  "The calls of {} did not hear it left", connection, Failures.unwrapped(failure));
              return null;
            });
  }

  /** {@code {"callId", "chatId", "callType", "caller", "callee", "state", "startedAt", ...}}. */
  static ObjectNode call(CallView view) {
    ObjectNode call = WireJson.object();
    call.put(CALL_ID, view.callId().value());
    call.put("chatId", view.chatId().value());
    call.put("callType", view.callType().wire());
    call.put("caller", view.caller().value());
    call.put("callee", view.callee().value());
    call.put("state", view.state().wire());
    call.put("startedAt", WireJson.instant(view.startedAt()));
    view.outcome()
        .ifPresent(
            outcome -> {
              call.put("outcome", outcome.wire());
              call.put("durationSeconds", view.durationSeconds());
            });
    return call;
  }

  private static ObjectNode withCall(CallView view) {
    ObjectNode answer = WireJson.object().put("ok", true);
    answer.set("call", call(view));
    return answer;
  }

  /**
   * The payload object, with no field but {@code allowed} (null: any), and no {@code from} but the
   * user's own.
   */
  private static JsonNode payload(JsonNode data, Set<String> allowed, UserId me) {
    Json.payloadObject(data, allowed);
    JsonNode from = data.get(FROM);
    if (from != null && !(from.isTextual() && from.textValue().equals(me.value()))) {
      throw new InvalidArgumentException("from is the signed-in user and cannot be chosen");
    }
    return data;
  }

  private static CallId callId(JsonNode data) {
    return CallId.of(Json.requiredString(data, CALL_ID));
  }
}
