package io.chat.application.service.call;

import static io.chat.application.testing.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.adapter.inprocess.HmacTurnSecret;
import io.chat.application.port.in.IceServers;
import io.chat.application.port.out.TurnSecret;
import io.chat.application.testing.Await;
import io.chat.application.testing.Times;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ICE servers a client is given, and TURN credentials in the form coturn checks. */
class IceServersServiceTest {
  private final MutableClock clock = new MutableClock(Times.T0);

  private IceServers servers(CallSettings settings, Optional<TurnSecret> secret) {
    return Await.done(new IceServersService(settings, secret, clock).iceServers(ALICE));
  }

  @Test
  void withNothingConfiguredThereIsNoServer() {
    IceServers none = servers(CallSettings.defaults(), Optional.empty());

    assertThat(none.servers()).isEmpty();
    assertThat(none.ttlSeconds()).isEqualTo(3_600);
  }

  @Test
  void stunUrlsAreOneEntryWithoutCredentials() {
    IceServers stun =
        servers(
            CallSettings.defaults()
                .withIceServers(
                    List.of("stun:stun.example.org:3478", "stun:stun2.example.org"),
                    List.of(),
                    Duration.ofHours(1)),
            Optional.empty());

    assertThat(stun.servers())
        .containsExactly(
            new IceServers.Server(
                List.of("stun:stun.example.org:3478", "stun:stun2.example.org"),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void turnCredentialsAreTheExpiryAndUserSignedWithTheSharedSecret() {
    IceServers both =
        servers(
            CallSettings.defaults()
                .withIceServers(
                    List.of("stun:turn.example.org"),
                    List.of("turn:turn.example.org:3478?transport=udp"),
                    Duration.ofHours(1)),
            Optional.of(new HmacTurnSecret("north-wind")));

    IceServers.Server turn = both.servers().get(1);
    assertThat(turn.urls()).containsExactly("turn:turn.example.org:3478?transport=udp");
    // T0 is 2024-05-01T10:00:00Z = 1714557600; one hour later it expires.
    assertThat(turn.username()).contains("1714561200:alice");
    // base64(HMAC-SHA1("north-wind", "1714561200:alice")), computed independently (Python hmac).
    assertThat(turn.credential()).contains("5gUscbMHuNJ0dqiNAO79Duq33tg=");
    assertThat(both.ttlSeconds()).isEqualTo(3_600);
  }

  @Test
  void turnUrlsWithoutASecretGiveNoTurnEntry() {
    IceServers stunOnly =
        servers(
            CallSettings.defaults()
                .withIceServers(List.of(), List.of("turn:turn.example.org"), Duration.ofHours(1)),
            Optional.empty());

    assertThat(stunOnly.servers()).isEmpty();
  }

  @Test
  void theSecretNeverShowsInItsText() {
    assertThat(new HmacTurnSecret("north-wind").toString()).doesNotContain("north-wind");
  }
}
