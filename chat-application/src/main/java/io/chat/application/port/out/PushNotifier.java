package io.chat.application.port.out;

/**
 * Outbound port: push notifications to a user's devices. Fire and forget: an adapter queues,
 * retries and drops on its own, and never delays the caller.
 */
public interface PushNotifier {

  void notify(PushNotification notification);
}
