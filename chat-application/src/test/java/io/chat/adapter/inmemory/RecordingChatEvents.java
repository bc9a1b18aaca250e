package io.chat.adapter.inmemory;

import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatEvents;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Realtime delivery that records what went to whom, in order, for tests to read back. */
public final class RecordingChatEvents implements ChatEvents {
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  /** One event for one audience: a user's devices, or (with no user) the staff. */
  public record Delivery(Optional<UserId> user, ChatEvent event) {
    public Delivery {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(event, "event");
    }

    public boolean isForStaff() {
      return user.isEmpty();
    }

    public boolean isFor(UserId someone) {
      return user.filter(someone::equals).isPresent();
    }
  }

  @Override
  public void toUser(UserId user, ChatEvent event) {
    deliveries.add(new Delivery(Optional.of(user), event));
  }

  @Override
  public void toStaff(ChatEvent event) {
    deliveries.add(new Delivery(Optional.empty(), event));
  }

  /** Everything delivered so far, in order. */
  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The events a user received, in order. */
  public List<ChatEvent> receivedBy(UserId user) {
    return deliveries.stream().filter(d -> d.isFor(user)).map(Delivery::event).toList();
  }

  /** The events of one kind a user received, in order. */
  public <T extends ChatEvent> List<T> receivedBy(UserId user, Class<T> kind) {
    return receivedBy(user).stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The events the staff received, in order. */
  public List<ChatEvent> receivedByStaff() {
    return deliveries.stream().filter(Delivery::isForStaff).map(Delivery::event).toList();
  }

  /** The events of one kind the staff received, in order. */
  public <T extends ChatEvent> List<T> receivedByStaff(Class<T> kind) {
    return receivedByStaff().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** Forgets what was recorded, so that a test can look at what happens next only. */
  public void clear() {
    deliveries.clear();
  }
}
