package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.out.CallSignal;
import io.chat.application.port.out.CallSignals;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.DeviceId;
import io.chat.domain.user.UserId;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call signals over this node's sockets: to all of a user's connections, all but one, or the one
 * that is the device in the call. A relayed signal is the sender's fields with {@code callId} and
 * {@code from} before them, written once; nothing of it is logged. Signals from the bus of several
 * nodes ({@link RelayedSignal}) arrive serialized and are only queued where they belong.
 */
final class SocketCallSignals implements CallSignals {
  private static final Logger LOG = LoggerFactory.getLogger(SocketCallSignals.class);

  private final ConnectionRegistry registry;
  private final BoundedJson json;

  SocketCallSignals(ConnectionRegistry registry, BoundedJson json) {
    this.registry = registry;
    this.json = json;
  }

  @Override
  public void toUser(UserId user, CallSignal signal) {
    deliver(registry.ofUser(user), c -> true, signal);
  }

  @Override
  public void toOtherDevices(UserId user, DeviceId except, CallSignal signal) {
    deliver(registry.ofUser(user), c -> !CallEvents.device(c).equals(except), signal);
  }

  @Override
  public void toDevice(UserId user, DeviceId device, CallSignal signal) {
    deliver(registry.ofUser(user), c -> CallEvents.device(c).equals(device), signal);
  }

  /** A signal another node (or this one) put on the bus, for the connections here. */
  void deliver(RelayedSignal signal) {
    Predicate<Connection> which =
        switch (signal.mode()) {
          case ALL -> c -> true;
          case EXCEPT -> c -> !CallEvents.device(c).equals(signal.device().orElseThrow());
          case ONLY -> c -> CallEvents.device(c).equals(signal.device().orElseThrow());
        };
    deliver(registry.ofUser(signal.user()), which, signal.name(), signal::payload);
  }

  private void deliver(Set<Connection> audience, Predicate<Connection> which, CallSignal signal) {
    deliver(audience, which, signal.name(), () -> payload(signal));
  }

  private static void deliver(
      Set<Connection> audience,
      Predicate<Connection> which,
      String name,
      Supplier<String> payload) {
    if (audience.isEmpty()) {
      return;
    }
    try {
      String data = null;
      for (Connection connection : audience) {
        if (which.test(connection)) {
          if (data == null) {
            data = payload.get();
          }
          connection.emit(name, data);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("{} not delivered", name, e);
    }
  }

  String payload(CallSignal signal) {
    if (signal instanceof CallSignal.Relayed r) {
      // callId and user ids are letters, digits, '_' and '-': nothing to escape.
      String head =
          "{\"callId\":\"" + r.callId().value() + "\",\"from\":\"" + r.from().value() + "\"";
      String fields = r.fields().trim();
      String rest = fields.substring(1).trim();
      return rest.equals("}") ? head + "}" : head + "," + rest;
    }
    ObjectNode data = WireJson.object().put("callId", signal.callId().value());
    if (signal instanceof CallSignal.Invite s) {
      data.put("chatId", s.chatId().value());
      data.put("callType", s.callType().wire());
      data.put("from", s.from().value());
      data.put("startedAt", WireJson.instant(s.startedAt()));
    } else if (signal instanceof CallSignal.Ringing s) {
      data.put("chatId", s.chatId().value());
      data.put("callType", s.callType().wire());
      data.put("to", s.to().value());
      data.put("startedAt", WireJson.instant(s.startedAt()));
    } else if (signal instanceof CallSignal.Accepted s) {
      data.put("from", s.from().value());
    } else if (signal instanceof CallSignal.Rejoined s) {
      data.put("from", s.from().value());
    } else if (signal instanceof CallSignal.Rejected s) {
      data.put("from", s.from().value());
    } else if (signal instanceof CallSignal.Ended s) {
      data.put("outcome", s.outcome().wire());
      s.by().ifPresent(by -> data.put("by", by.value()));
      if (s.outcome() == CallOutcome.COMPLETED) {
        data.put("durationSeconds", s.durationSeconds());
      }
    }
    return json.write(data);
  }
}
