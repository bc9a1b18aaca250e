package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.adapter.ws.transport.CloseReason;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A WebSocket client that stops reading, on {@code /ws} or Socket.IO: once its kernel buffers are
 * full its queue fills, and when the queue overflows the server drops that socket; the user's other
 * device and the other user get every event in order meanwhile, and the dropped client resyncs.
 */
class WebSocketSlowConsumerTest {
  private static final int QUEUE = 4;
  private static final int MAX_SENDS = 5_000;
  // Large events fill the TCP buffers in fewer sends; the text limit is 4,000 characters.
  private static final String PADDING = "x".repeat(3_900);

  /** Where the stalled client connects. */
  enum Endpoint {
    PLAIN_WEBSOCKET,
    SOCKET_IO_WEBSOCKET;

    StalledWebSocket connect(TestServer server, String user) {
      String token = server.token(user);
      if (this == PLAIN_WEBSOCKET) {
        StalledWebSocket client = StalledWebSocket.open(server.port(), "/ws?token=" + token);
        client.readUntil(text -> text.contains("\"presence:snapshot\""));
        return client;
      }
      StalledWebSocket client =
          StalledWebSocket.open(server.port(), "/socket.io/?EIO=4&transport=websocket");
      client.readUntil(text -> text.startsWith("0{"));
      client.sendText("40/app,{\"token\":\"" + token + "\"}");
      client.readUntil(text -> text.startsWith("42/app,[\"presence:snapshot\""));
      return client;
    }

    TestClient reconnect(TestServer server, String user) {
      return this == PLAIN_WEBSOCKET
          ? Transport.PLAIN_WEBSOCKET.connect(server, user)
          : Transport.SOCKET_IO_WEBSOCKET.connect(server, user);
    }

    /** The seq of a {@code message:new} frame as this endpoint frames it, else -1. */
    long newMessageSeq(String text) {
      JsonNode event;
      JsonNode data;
      if (this == PLAIN_WEBSOCKET) {
        JsonNode frame = TestClient.parse(text);
        event = frame.path("event");
        data = frame.path("data");
      } else {
        if (!text.startsWith("42/app,")) {
          return -1;
        }
        JsonNode args = TestClient.parse(text.substring("42/app,".length()));
        event = args.path(0);
        data = args.path(1);
      }
      return event.asText().equals("message:new") ? data.path("message").path("seq").asLong() : -1;
    }
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aClientThatStopsReadingIsDroppedOnOverflowWhileOthersGetEveryEventInOrder(
      Endpoint endpoint) {
    try (TestServer server =
            new TestServer(
                TestServer.settings().withOutboundQueueLimit(QUEUE),
                new InProcessSendRateLimit(1_000_000, 1_000_000, Clock.systemUTC()));
        TestClient otherDevice = Transport.PLAIN_WEBSOCKET.connect(server, "slow");
        TestClient sender = Transport.SOCKET_IO_WEBSOCKET.connect(server, "sender");
        StalledWebSocket stalled = endpoint.connect(server, "slow")) {
      assertThat(server.realtime.connectedSockets()).isEqualTo(3);

      // In lockstep: each message reaches the healthy device before the next is sent, so none of
      // them waits for the stalled socket, before or after it is dropped.
      long sent = 0;
      while (server.realtime.connectedSockets() == 3 && sent < MAX_SENDS) {
        sent++;
        send(server, sent);
        long seq = sent;
        otherDevice.await("message:new", d -> d.path("message").path("seq").asLong() == seq);
      }

      assertThat(sent).as("the stalled socket is dropped").isLessThan(MAX_SENDS);
      assertThat(server.realtime.connectedSockets()).isEqualTo(2);
      assertThat(otherDevice.isConnected()).isTrue();
      assertThat(sender.isConnected()).isTrue();
      long last = sent;
      sender.await("message:sent", d -> d.path("message").path("seq").asLong() == last);
      assertThat(seqs(otherDevice, "message:new")).isEqualTo(oneTo(sent));
      assertThat(seqs(sender, "message:sent")).isEqualTo(oneTo(sent));

      StalledWebSocket.Drained drained = stalled.drain();
      assertThat(drained.ending()).isNotEqualTo(StalledWebSocket.Ending.STILL_OPEN);
      // The server ends it without a close frame (one would wait behind the unread frames), or
      // with the slow consumer's code.
      drained
          .closeCode()
          .ifPresent(code -> assertThat(code).isEqualTo(CloseReason.SLOW_CONSUMER.code()));
      List<Long> seen =
          drained.texts().stream().map(endpoint::newMessageSeq).filter(seq -> seq > 0).toList();
      assertThat(seen).isEqualTo(oneTo(seen.size()));
      assertThat((long) seen.size()).as("what the stalled client got").isLessThan(sent);

      // It comes back and resyncs from the last seq it saw; the server is as it was.
      try (TestClient back = endpoint.reconnect(server, "slow")) {
        HttpResponse<String> missed =
            server.rest(
                "GET",
                "/api/v1/chat/sender/messages?limit=200&after=" + seen.size(),
                server.token("slow"),
                null);
        assertThat(missed.statusCode()).isEqualTo(200);
        JsonNode messages = TestClient.parse(missed.body()).path("data").path("messages");
        assertThat(messages.path(0).path("seq").asLong()).isEqualTo(seen.size() + 1L);

        send(server, sent + 1);
        long next = sent + 1;
        back.await("message:new", d -> d.path("message").path("seq").asLong() == next);
        otherDevice.await("message:new", d -> d.path("message").path("seq").asLong() == next);
        assertThat(server.realtime.connectedSockets()).isEqualTo(3);
      }
    }
  }

  static void send(TestServer server, long n) {
    server.send("sender", "slow", n + " " + PADDING);
  }

  private static List<Long> seqs(TestClient client, String event) {
    return client.received(event).stream()
        .map(r -> r.data().path("message").path("seq").asLong())
        .toList();
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }
}
