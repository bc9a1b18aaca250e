package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may connect: tokens in each place the protocol names, refusals, origins, namespaces. */
class HandshakeTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = SioClient.Transport.class,
      names = {"WEBSOCKET", "POLLING"})
  void socketIoWithoutTokenIsRefusedWithAuthRequired(SioClient.Transport transport)
      throws Exception {
    SioClient client = SioClient.open(server.port(), "/app", SioClient.options(transport), "none");
    try {
      JsonNode error = client.connectError().get(10, TimeUnit.SECONDS);
      assertThat(error.path("message").asText()).isEqualTo("Auth required");
      assertThat(client.connected()).isNotDone();
    } finally {
      client.close();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SioClient.Transport.class,
      names = {"WEBSOCKET", "POLLING"})
  void socketIoWithAWrongTokenIsRefusedWithInvalidToken(SioClient.Transport transport)
      throws Exception {
    IO.Options options = SioClient.options(transport);
    options.auth = Map.of("token", "forged");
    SioClient client = SioClient.open(server.port(), "/app", options, "forged");
    try {
      JsonNode error = client.connectError().get(10, TimeUnit.SECONDS);
      assertThat(error.path("message").asText()).isEqualTo("Invalid token");
      assertThat(server.realtime.connectedSockets()).isZero();
    } finally {
      client.close();
    }
  }

  @Test
  void socketIoTakesTheTokenFromTheQueryParameterAuth() throws Exception {
    IO.Options options = SioClient.options(SioClient.Transport.WEBSOCKET);
    options.query = "auth=" + server.token("alice");
    SioClient client = SioClient.open(server.port(), "/app", options, "query");
    try {
      client.connected().get(10, TimeUnit.SECONDS);
      client.await("presence:snapshot");
    } finally {
      client.close();
    }
  }

  @Test
  void socketIoTakesTheTokenFromTheAuthorizationHeader() throws Exception {
    IO.Options options = SioClient.options(SioClient.Transport.POLLING);
    options.extraHeaders = Map.of("Authorization", List.of("Bearer " + server.token("alice")));
    SioClient client = SioClient.open(server.port(), "/app", options, "header");
    try {
      client.connected().get(10, TimeUnit.SECONDS);
      client.await("presence:snapshot");
    } finally {
      client.close();
    }
  }

  @Test
  void theDefaultNamespaceAcceptsWithoutTokenAndDoesNothing() throws Exception {
    try (TestClient bob = Transport.PLAIN_WEBSOCKET.connect(server, "bob")) {
      SioClient client =
          SioClient.open(
              server.port(), "/", SioClient.options(SioClient.Transport.WEBSOCKET), "default");
      try {
        client.connected().get(10, TimeUnit.SECONDS);
        client.emit("sendMessage", TestClient.data().put("to", "bob").put("text", "x"));
        bob.sync();
        assertThat(bob.chatEvents()).isEmpty();
        assertThat(server.realtime.connectedSockets()).isEqualTo(1);
      } finally {
        client.close();
      }
    }
  }

  @Test
  void anUnknownNamespaceIsRefused() throws Exception {
    SioClient client =
        SioClient.open(
            server.port(), "/admin", SioClient.options(SioClient.Transport.WEBSOCKET), "admin");
    try {
      assertThat(client.connectError().get(10, TimeUnit.SECONDS).path("message").asText())
          .isEqualTo("Invalid namespace");
    } finally {
      client.close();
    }
  }

  @Test
  void thePlainWebSocketRefusesTheUpgradeWithoutAValidTokenOrFromAForeignOrigin() {
    int port = server.port();
    String token = server.token("alice");

    assertThat(WsClient.upgradeStatus(port, "", Map.of())).isEqualTo(401);
    assertThat(WsClient.upgradeStatus(port, "?token=forged", Map.of())).isEqualTo(401);
    assertThat(WsClient.upgradeStatus(port, "", Map.of("Authorization", "Bearer forged")))
        .isEqualTo(401);
    assertThat(
            WsClient.upgradeStatus(
                port, "?token=" + token, Map.of("Origin", "https://evil.example")))
        .isEqualTo(403);
    assertThat(WsClient.upgradeStatus(port, "?token=" + token, Map.of())).isEqualTo(101);
    assertThat(WsClient.upgradeStatus(port, "", Map.of("Authorization", "Bearer " + token)))
        .isEqualTo(101);
    assertThat(
            WsClient.upgradeStatus(
                port, "?token=" + token, Map.of("Origin", TestServer.ALLOWED_ORIGIN)))
        .isEqualTo(101);
  }

  @Test
  void pollingAllowsTheConfiguredOriginsOnly() throws Exception {
    String handshake = "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling";

    HttpResponse<String> allowed = get(handshake, TestServer.ALLOWED_ORIGIN);
    HttpResponse<String> foreign = get(handshake, "https://evil.example");
    HttpResponse<String> preflight =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(handshake))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", TestServer.ALLOWED_ORIGIN)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).startsWith("0{\"sid\":");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .contains(TestServer.ALLOWED_ORIGIN);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isPresent();
  }

  @Test
  void aPageOfThisServerIsAllowedOnBothTransportsWithoutBeingListed() throws Exception {
    // The browser client served by the server itself, whatever port the server was given.
    String self = "http://127.0.0.1:" + server.port();
    String token = server.token("alice");

    assertThat(WsClient.upgradeStatus(server.port(), "?token=" + token, Map.of("Origin", self)))
        .isEqualTo(101);
    HttpResponse<String> polling = get(self + "/socket.io/?EIO=4&transport=polling", self);
    assertThat(polling.statusCode()).isEqualTo(200);
    assertThat(
            WsClient.upgradeStatus(
                server.port(), "?token=" + token, Map.of("Origin", "http://127.0.0.1:1")))
        .as("another port is another origin")
        .isEqualTo(403);
  }

  @Test
  void engineIoRefusesOtherProtocolVersionsAndUnknownSessions() throws Exception {
    String base = "http://127.0.0.1:" + server.port() + "/socket.io/?transport=polling";

    assertThat(get(base + "&EIO=3", null).statusCode()).isEqualTo(400);
    HttpResponse<String> unknown = get(base + "&EIO=4&sid=nope", null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("Session ID unknown");
  }

  private static HttpResponse<String> get(String uri, String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
