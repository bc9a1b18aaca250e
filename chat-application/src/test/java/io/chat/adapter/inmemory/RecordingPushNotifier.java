package io.chat.adapter.inmemory;

import io.chat.application.port.out.PushNotification;
import io.chat.application.port.out.PushNotifier;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Push delivery that records every notification, in order, for tests to read back. */
public final class RecordingPushNotifier implements PushNotifier {
  private final List<PushNotification> sent = new CopyOnWriteArrayList<>();

  @Override
  public void notify(PushNotification notification) {
    sent.add(notification);
  }

  /** Every notification so far, in order. */
  public List<PushNotification> sent() {
    return List.copyOf(sent);
  }

  /** The notifications for one recipient, in order. */
  public List<PushNotification> sentTo(UserId recipient) {
    return sent.stream().filter(n -> n.recipient().equals(recipient)).toList();
  }

  public void clear() {
    sent.clear();
  }
}
