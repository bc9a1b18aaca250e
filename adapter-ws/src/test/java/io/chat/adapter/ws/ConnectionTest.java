package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.application.port.in.Actor;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A connection's admission of client events: a full queue is the client's doing while its events
 * run at the usual pace, and the server's once the event running now is stuck.
 */
class ConnectionTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Connection connection =
      new Connection(
          new Actor(UserId.of("alice"), false, Instant.parse("2027-01-01T00:00:00Z")),
          new RealtimeSettings(
              List.of(),
              64 * 1024,
              1_000,
              2,
              1_000,
              1_000,
              Duration.ofSeconds(25),
              Duration.ofSeconds(20),
              clock),
          new ClientSocket() {
            @Override
            public void emit(String event, String jsonData) {}

            @Override
            public void reply(long ack, String jsonData) {}

            @Override
            public boolean compact() {
              return false;
            }

            @Override
            public void close(CloseReason reason) {}
          });

  @Test
  void aFullQueueIsTheClientsDoingUntilTheRunningEventIsStuckThenTheServers() {
    CompletableFuture<Void> stuck = new CompletableFuture<>();
    assertThat(connection.admit()).isEqualTo(Connection.Admission.ADMITTED);
    connection.serially(() -> stuck);
    assertThat(connection.admit()).isEqualTo(Connection.Admission.ADMITTED);
    connection.serially(() -> CompletableFuture.completedFuture(null));

    assertThat(connection.admit()).isEqualTo(Connection.Admission.TOO_MANY_IN_FLIGHT);
    clock.advance(Connection.STUCK.plusMillis(1));
    assertThat(connection.admit()).isEqualTo(Connection.Admission.SERVER_SLOW);

    stuck.complete(null);
    assertThat(connection.admit()).as("the queue drained").isEqualTo(Connection.Admission.ADMITTED);
  }
}
