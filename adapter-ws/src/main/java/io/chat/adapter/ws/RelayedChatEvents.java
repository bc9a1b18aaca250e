package io.chat.adapter.ws;

import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's event port on a node among several: each event goes, serialized, to the bus
 * that every node reads ({@link RealtimeChat#deliverRelayed}), this one included, so that the
 * devices of a user on any node get it, and all of them in the bus' one order. An event for many
 * users (a group's members) is one entry, whatever their number. Best effort like every {@link
 * ChatEvents}: a failure to publish is the bus' to report; this never throws.
 */
final class RelayedChatEvents implements ChatEvents {
  private static final Logger LOG = LoggerFactory.getLogger(RelayedChatEvents.class);

  private final Payloads payloads;
  private final Consumer<String> bus;

  RelayedChatEvents(Payloads payloads, Consumer<String> bus) {
    this.payloads = payloads;
    this.bus = bus;
  }

  @Override
  public void toUser(UserId user, ChatEvent event) {
    publish(List.of(user), event, null);
  }

  @Override
  public void toStaff(ChatEvent event) {
    publish(null, event, null);
  }

  @Override
  public void toUser(UserId user, ChatEvent message, ChatEvent listEntry) {
    publish(List.of(user), message, listEntry);
  }

  @Override
  public void toStaff(ChatEvent message, ChatEvent listEntry) {
    publish(null, message, listEntry);
  }

  @Override
  public void toUsers(Collection<UserId> users, ChatEvent event) {
    if (!users.isEmpty()) {
      publish(List.copyOf(users), event, null);
    }
  }

  @Override
  public void toUsers(Collection<UserId> users, ChatEvent message, ChatEvent listEntry) {
    if (!users.isEmpty()) {
      publish(List.copyOf(users), message, listEntry);
    }
  }

  /** For {@code users}, or staff when null. */
  private void publish(List<UserId> users, ChatEvent event, ChatEvent listEntry) {
    try {
      bus.accept(RelayedEvent.encode(users, payloads.outgoing(event, listEntry)));
    } catch (RuntimeException e) {
      LOG.warn("{} not published", event.name(), e);
    }
  }
}
