package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientGate;
import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.adapter.ws.transport.Refusal;
import io.chat.application.port.in.Actor;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat layer's side of every client socket, whichever protocol carries it: who is admitted (the
 * token, verified by the same use case as REST), registration for delivery, presence ({@code
 * GoOnline} on open with the snapshot to that socket only, {@code GoOffline} on close, in that
 * order), the end of the socket when its token expires, and the event layer.
 */
final class RealtimeHub implements ClientGate {
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
      Payloads payloads,
      ScheduledExecutorService timers) {
    this.settings = settings;
    this.useCases = useCases;
    this.registry = registry;
    this.json = json;
    this.timers = timers;
    this.events = new ClientEvents(useCases, json, payloads);
  }

  /**
   * Any token problem is {@code Invalid token}, so that a client learns nothing more of why; other
   * failures (the store down) are told as they are, not blamed on the token.
   */
  @Override
  public CompletionStage<Admission> admit(String token) {
    return useCases
        .authenticate()
        .authenticate(token)
        .handle(
            (actor, failure) -> {
              if (failure != null) {
                throw refusal(failure);
              }
              return socket -> listen(actor, socket);
            });
  }

  private static Refusal refusal(Throwable failure) {
    Failures.Failure f = Failures.of(failure);
    if (f.code() == ErrorCode.UNAUTHENTICATED || f.code() == ErrorCode.FORBIDDEN) {
      return new Refusal(ErrorCode.UNAUTHENTICATED, "Invalid token");
    }
    return new Refusal(f.code(), f.message());
  }

  /** The connection of an admitted client over {@code socket}, bound to this hub. */
  private ClientSocket.Listener listen(Actor actor, ClientSocket socket) {
    Connection connection = new Connection(actor, settings, socket);
    return new ClientSocket.Listener() {
      @Override
      public void opened() {
        RealtimeHub.this.opened(connection);
      }

      @Override
      public void event(String name, JsonNode data, long ack) {
        events.handle(connection, name, data, ack);
      }

      @Override
      public void malformed(long ack, ErrorCode code, String message) {
        events.malformed(connection, ack, code, message);
      }

      @Override
      public void closed() {
        RealtimeHub.this.closed(connection);
      }
    };
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
                        LOG.warn(
                            "Presence of {} not recorded",
                            user,
                            io.chat.domain.shared.Failures.unwrapped(failure));
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
    connection.markClosed();
    registry.remove(connection);
    connection.cancelExpiry();
    UserId user = connection.actor().id();
    // After the events this connection queued before it closed (a call:accept in flight binds it
    // first, then its side is away), never before them.
    connection.serially(() -> events.calls().gone(connection));
    connection.serially(
        () ->
            useCases
                .goOffline()
                .goOffline(user)
                .whenComplete(
                    (done, failure) -> {
                      if (failure != null) {
                        LOG.warn(
                            "Absence of {} not recorded",
                            user,
                            io.chat.domain.shared.Failures.unwrapped(failure));
                      }
                    }));
  }
}
