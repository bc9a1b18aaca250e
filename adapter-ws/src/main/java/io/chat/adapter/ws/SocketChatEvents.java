package io.chat.adapter.ws;

import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.domain.user.UserId;
import java.util.Set;

/**
 * The application's event port over this node's sockets: each event is serialized once and queued
 * on every connection of its audience; nobody connected, nothing serialized.
 */
final class SocketChatEvents implements ChatEvents {
  private final ConnectionRegistry registry;
  private final BoundedJson json;

  SocketChatEvents(ConnectionRegistry registry, BoundedJson json) {
    this.registry = registry;
    this.json = json;
  }

  @Override
  public void toUser(UserId user, ChatEvent event) {
    deliver(registry.ofUser(user), event);
  }

  @Override
  public void toStaff(ChatEvent event) {
    deliver(registry.ofStaff(), event);
  }

  private void deliver(Set<Connection> audience, ChatEvent event) {
    if (audience.isEmpty()) {
      return;
    }
    String data = json.write(WireJson.eventNode(event));
    for (Connection connection : audience) {
      connection.emit(event.name(), data);
    }
  }
}
