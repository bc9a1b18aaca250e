package io.chat.adapter.ws;

import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's event port over this node's sockets: each event is serialized once (once for
 * all the audiences it is handed to in a row, too) and queued on every connection of its audience;
 * nobody connected, nothing serialized. A message event and its list entry go to a compact
 * connection as one frame, to the others as two. Events relayed from the bus of several nodes
 * ({@link RelayedEvent}) arrive serialized and are only queued.
 */
final class SocketChatEvents implements ChatEvents {
  private static final Logger LOG = LoggerFactory.getLogger(SocketChatEvents.class);

  private final ConnectionRegistry registry;
  private final Payloads payloads;

  SocketChatEvents(ConnectionRegistry registry, Payloads payloads) {
    this.registry = registry;
    this.payloads = payloads;
  }

  @Override
  public void toUser(UserId user, ChatEvent event) {
    deliver(registry.ofUser(user), event, null);
  }

  @Override
  public void toStaff(ChatEvent event) {
    deliver(registry.ofStaff(), event, null);
  }

  @Override
  public void toUser(UserId user, ChatEvent message, ChatEvent listEntry) {
    deliver(registry.ofUser(user), message, listEntry);
  }

  @Override
  public void toStaff(ChatEvent message, ChatEvent listEntry) {
    deliver(registry.ofStaff(), message, listEntry);
  }

  @Override
  public void toUsers(Collection<UserId> users, ChatEvent event) {
    users.forEach(user -> toUser(user, event));
  }

  @Override
  public void toUsers(Collection<UserId> users, ChatEvent message, ChatEvent listEntry) {
    users.forEach(user -> toUser(user, message, listEntry));
  }

  /** An event another node (or this one) put on the bus, for the connections here. */
  void deliver(RelayedEvent event) {
    if (event.staff()) {
      deliver(registry.ofStaff(), event.outgoing(), event.name());
    } else {
      for (UserId user : event.users()) {
        deliver(registry.ofUser(user), event.outgoing(), event.name());
      }
    }
  }

  /** {@code event}, and {@code listEntry} after it unless null; best effort, never throws. */
  private void deliver(Set<Connection> audience, ChatEvent event, ChatEvent listEntry) {
    if (!audience.isEmpty()) {
      try {
        deliver(audience, payloads.outgoing(event, listEntry), event.name());
      } catch (RuntimeException e) {
        LOG.warn("{} not delivered", event.name(), e);
      }
    }
  }

  private static void deliver(Set<Connection> audience, Outgoing outgoing, String name) {
    try {
      for (Connection connection : audience) {
        outgoing.sendTo(connection);
      }
    } catch (RuntimeException e) {
      LOG.warn("{} not delivered", name, e);
    }
  }
}
