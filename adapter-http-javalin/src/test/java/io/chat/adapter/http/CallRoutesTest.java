package io.chat.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import io.chat.adapter.inprocess.HmacTurnSecret;
import io.chat.application.port.out.TurnSecret;
import io.chat.application.service.call.CallSettings;
import io.chat.application.service.call.IceServersService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/calls/ice-servers} on a real server. */
class CallRoutesTest {
  private static final String ICE = "/api/v1/calls/ice-servers";
  private static final String SECRET = "a-secret-shared-with-coturn";

  private static TestServer server(CallSettings settings, Optional<TurnSecret> secret) {
    return new TestServer(
        use -> use.withIceServers(new IceServersService(settings, secret, Clock.systemUTC())),
        1000);
  }

  @Test
  void theConfiguredStunAndTurnServersComeWithCredentialsOfTheCallersOwn() throws Exception {
    CallSettings settings =
        CallSettings.defaults()
            .withIceServers(
                List.of("stun:turn.example.org:3478"),
                List.of("turn:turn.example.org:3478", "turns:turn.example.org:5349"),
                Duration.ofMinutes(10));
    try (TestServer server = server(settings, Optional.of(new HmacTurnSecret(SECRET)))) {
      User alice = server.user("Alice");
      long before = Instant.now().getEpochSecond();

      Response r = server.get(ICE, alice);

      assertThat(r.status()).as(r.text()).isEqualTo(200);
      JsonNode data = r.data();
      assertThat(data.path("ttlSeconds").asLong()).isEqualTo(600);
      JsonNode servers = data.path("iceServers");
      assertThat(servers).hasSize(2);
      assertThat(servers.get(0).path("urls").get(0).asText())
          .isEqualTo("stun:turn.example.org:3478");
      assertThat(servers.get(0).has("username")).isFalse();
      JsonNode turn = servers.get(1);
      assertThat(turn.path("urls")).hasSize(2);
      String username = turn.path("username").asText();
      assertThat(username).endsWith(":" + alice.id());
      long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
      assertThat(expiry).isBetween(before + 600, Instant.now().getEpochSecond() + 600);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      assertThat(turn.path("credential").asText())
          .isEqualTo(
              Base64.getEncoder()
                  .encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
      assertThat(r.text()).doesNotContain(SECRET);
    }
  }

  @Test
  void withNothingConfiguredTheListIsEmptyAndAStrangerIsTurnedAway() {
    try (TestServer server = server(CallSettings.defaults(), Optional.empty())) {
      Response r = server.get(ICE, server.user("Alice"));

      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.data().path("iceServers")).isEmpty();
      assertThat(r.data().path("ttlSeconds").asLong()).isEqualTo(3_600);

      Response anonymous = server.get(ICE, null);
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.json().path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
    }
  }

  @Test
  void aServerWithoutCallsAnswersNoServer() {
    try (TestServer server = new TestServer()) {
      Response r = server.get(ICE, server.user("Alice"));

      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.data().path("iceServers")).isEmpty();
    }
  }
}
