package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that stops answering the server's pings is dropped after the ping interval and timeout,
 * and its partners see it go offline; clients that answer stay.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeartbeatTest {
  private static final Duration INTERVAL = Duration.ofMillis(300);
  // Generous against scheduling hiccups of a loaded machine: the answering clients must stay.
  private static final Duration TIMEOUT = Duration.ofMillis(700);

  private TestServer server;
  private TestClient partnerOverSocketIo;
  private TestClient partnerOverWs;

  @BeforeEach
  void start() {
    server =
        new TestServer(
            TestServer.settings().withHeartbeat(INTERVAL, TIMEOUT),
            new io.chat.adapter.inprocess.InProcessSendRateLimit(java.time.Clock.systemUTC()));
    partnerOverSocketIo = Transport.SOCKET_IO_WEBSOCKET.connect(server, "partner");
    partnerOverWs = Transport.PLAIN_WEBSOCKET.connect(server, "partner");
  }

  /** Presence goes to the users who share a chat: this one starts it once both are known. */
  private void partnerWritesToSilent() {
    server.send("partner", "silent", "hello");
  }

  @AfterEach
  void stop() {
    partnerOverSocketIo.close();
    partnerOverWs.close();
    server.close();
  }

  @Test
  void anEngineIoClientThatStopsAnsweringPingsIsDroppedAndGoesOfflineForItsPartners()
      throws Exception {
    try (RawEngineIo.OverWebSocket silent = RawEngineIo.silent(server.port())) {
      silent.connectApp(server.token("silent"));
      partnerWritesToSilent();
      silent.await(packet -> packet.startsWith("42/app,[\"message:new\""));

      partnersSee("user:offline");

      assertThat(silent.closed().get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
      assertThat(silent.packets()).as("it was pinged").contains("2");
      theAnsweringClientsStayed();
    }
  }

  @Test
  void aPlainWebSocketClientThatAnswersNoPingIsDroppedAndGoesOfflineForItsPartners() {
    try (StalledWebSocket silent =
        StalledWebSocket.open(server.port(), "/ws?token=" + server.token("silent"))) {
      silent.readUntil(text -> text.contains("\"presence:snapshot\""));
      partnerWritesToSilent();
      silent.readUntil(text -> text.contains("\"message:new\""));

      partnersSee("user:offline");

      assertThat(silent.drain().ending()).isNotEqualTo(StalledWebSocket.Ending.STILL_OPEN);
      theAnsweringClientsStayed();
    }
  }

  private void partnersSee(String event) {
    partnerOverSocketIo.await(event, d -> d.path("userId").asText().equals("silent"));
    partnerOverWs.await(event, d -> d.path("userId").asText().equals("silent"));
  }

  /** They connected before the silent client, so they have lived through its whole timeout. */
  private void theAnsweringClientsStayed() {
    assertThat(server.realtime.connectedSockets()).isEqualTo(2);
    assertThat(partnerOverSocketIo.isConnected()).isTrue();
    assertThat(partnerOverWs.isConnected()).isTrue();
    partnerOverSocketIo.sync();
    partnerOverWs.sync();
  }
}
