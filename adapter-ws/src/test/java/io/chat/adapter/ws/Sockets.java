package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A test server and the clients a test connected to it, all closed after the test, with the waits
 * and checks the realtime tests share.
 */
final class Sockets implements AutoCloseable {
  final TestServer server = new TestServer();
  private final List<TestClient> clients = new ArrayList<>();

  TestClient connect(Transport transport, String user) {
    return adopt(transport.connect(server, user));
  }

  /** A client of {@code user} that asked for compact mode. */
  TestClient connectCompact(Transport transport, String user) {
    return adopt(transport.connectWith(server, server.token(user), true));
  }

  /** A client connected otherwise (with a token of its own), closed with the others. */
  TestClient adopt(TestClient client) {
    clients.add(client);
    return client;
  }

  @Override
  public void close() {
    clients.forEach(TestClient::close);
    server.close();
  }

  /** Waits until everything queued for {@code these} has arrived, then forgets it. */
  static void quiet(TestClient... these) {
    for (TestClient client : these) {
      client.sync();
      client.clear();
    }
  }

  static void sync(TestClient... these) {
    for (TestClient client : these) {
      client.sync();
    }
  }

  /** The one {@code event} that {@code client} got, after a sync. */
  static JsonNode once(TestClient client, String event) {
    List<Received> got = client.received(event);
    assertThat(got).as(client + " " + event).hasSize(1);
    return got.get(0).data();
  }

  /** The code of a failed ack, checked to be one. */
  static String code(JsonNode ack) {
    assertThat(ack.path("ok").asBoolean(true)).as(ack.toString()).isFalse();
    return ack.path("error").path("code").asText();
  }
}
