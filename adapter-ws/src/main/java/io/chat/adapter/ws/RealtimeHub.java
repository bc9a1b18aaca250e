package io.chat.adapter.ws;

import io.chat.application.port.in.Actor;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both transports share once a socket is authenticated: registration for delivery, presence
 * ({@code GoOnline} on open with the snapshot to that socket only, {@code GoOffline} on close, in
 * that order), the end of the socket when its token expires, and the event layer.
 */
final class RealtimeHub {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeHub.class);

  private final RealtimeSettings settings;
  private final RealtimeUseCases useCases;
  private final ConnectionRegistry registry;
  private final BoundedJson json;
  private final ScheduledExecutorService timers;
  private final ClientEvents events;

  RealtimeHub(
      RealtimeSettings settings,
      RealtimeUseCases useCases,
      ConnectionRegistry registry,
      BoundedJson json,
      ScheduledExecutorService timers) {
    this.settings = settings;
    this.useCases = useCases;
    this.registry = registry;
    this.json = json;
    this.timers = timers;
    this.events = new ClientEvents(useCases, json);
  }

  RealtimeSettings settings() {
    return settings;
  }

  BoundedJson json() {
    return json;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  ClientEvents events() {
    return events;
  }

  CompletionStage<Actor> authenticate(String token) {
    return useCases.authenticate().authenticate(token);
  }

  /** An authenticated socket is open: it receives its user's events from now on. */
  void opened(Connection connection) {
    Actor actor = connection.actor();
    registry.add(connection);
    Duration left = Duration.between(settings.clock().instant(), actor.expiresAt());
    connection.expireWith(
        timers.schedule(
            () -> connection.close(CloseReason.TOKEN_EXPIRED),
            Math.max(0, left.toMillis()),
            TimeUnit.MILLISECONDS));
    UserId user = actor.id();
    connection.serially(
        () ->
            useCases
                .goOnline()
                .goOnline(user)
                .whenComplete(
                    (snapshot, failure) -> {
                      if (failure != null) {
                        LOG.warn("Presence of {} not recorded", user, Failures.unwrap(failure));
                        return;
                      }
                      var online = WireJson.object();
                      var ids = online.putArray("online");
                      snapshot.online().stream().map(UserId::value).sorted().forEach(ids::add);
                      connection.emit("presence:snapshot", json.write(online));
                    }));
  }

  /** The socket is gone (called once per {@link #opened}). */
  void closed(Connection connection) {
    registry.remove(connection);
    connection.cancelExpiry();
    UserId user = connection.actor().id();
    connection.serially(
        () ->
            useCases
                .goOffline()
                .goOffline(user)
                .whenComplete(
                    (done, failure) -> {
                      if (failure != null) {
                        LOG.warn("Absence of {} not recorded", user, Failures.unwrap(failure));
                      }
                    }));
  }
}
