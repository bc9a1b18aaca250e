package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A client that stops reading is disconnected when its queue overflows; nobody else notices. */
class SlowConsumerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int QUEUE = 20;

  @Test
  void aPollingClientThatStopsPollingIsDroppedAndOthersKeepTheirEvents() throws Exception {
    try (TestServer server =
        TestServer.withoutSendLimit(TestServer.settings().withOutboundQueueLimit(QUEUE))) {
      String base = "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling";
      String handshake = get(base).body();
      String sid = TestClient.parse(handshake.substring(1)).path("sid").asText();
      String session = base + "&sid=" + sid;
      post(session, "40/app,{\"token\":\"" + server.token("slow") + "\"}");
      String connected = get(session).body();
      assertThat(connected).startsWith("40/app,{\"sid\"");
      try (TestClient fast = Transport.SOCKET_IO_WEBSOCKET.connect(server, "slow")) {
        try (TestClient sender = Transport.PLAIN_WEBSOCKET.connect(server, "sender")) {
          for (int i = 0; i < QUEUE * 2; i++) {
            server.send("sender", "slow", "m" + i);
          }

          HttpResponse<String> afterOverflow = get(session);
          assertThat(afterOverflow.statusCode()).isEqualTo(400);
          assertThat(afterOverflow.body()).contains("Session ID unknown");
          fast.await("message:new", d -> d.path("message").path("seq").asLong() == QUEUE * 2);
          assertThat(fast.received("message:new")).hasSize(QUEUE * 2);
          sender.sync();
          assertThat(sender.received("message:sent")).hasSize(QUEUE * 2);
          assertThat(server.realtime.connectedSockets()).isEqualTo(2);
        }
      }
    }
  }

  private static HttpResponse<String> get(String uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void post(String uri, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(uri))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("ok");
  }
}
