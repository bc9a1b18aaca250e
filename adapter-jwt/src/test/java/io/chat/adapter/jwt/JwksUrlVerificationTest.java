package io.chat.adapter.jwt;

import static io.chat.adapter.jwt.TokenFactory.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.application.port.out.StoreUnavailableException;
import io.chat.domain.user.UserId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwksUrlVerificationTest {
  private static final String USER = "65a1b2c3d4e5f60718293a4b";
  private static final RSAKey RSA = TokenFactory.rsaKey("rsa-1");

  private final AtomicReference<String> served = new AtomicReference<>(TokenFactory.jwks(RSA));
  private final AtomicInteger fetches = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void startKeyServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.createContext(
        "/broken",
        exchange -> {
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stopKeyServer() {
    release.countDown();
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private NimbusAccessTokens verifier(JwtConfig config, Clock clock) {
    return NimbusAccessTokens.create(config, clock);
  }

  private NimbusAccessTokens verifier() {
    return NimbusAccessTokens.create(JwtConfig.jwksUrl(url("/jwks.json"), Set.of("RS256")));
  }

  @Test
  void keysAreFetchedFromTheUrlAndCached() {
    NimbusAccessTokens tokens = verifier();

    for (int i = 0; i < 3; i++) {
      assertThat(
              Await.result(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build()))).userId())
          .isEqualTo(UserId.of(USER));
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void unknownKidRefetchesOnceAndAcceptsARotatedKey() {
    NimbusAccessTokens tokens = verifier();
    Await.result(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build())));
    RSAKey rotated = TokenFactory.rsaKey("rsa-2");
    served.set(TokenFactory.jwks(RSA, rotated));

    assertThat(
            Await.result(tokens.verify(TokenFactory.rs256(rotated, claims(USER).build()))).userId())
        .isEqualTo(UserId.of(USER));
    assertThat(fetches).hasValue(2);
  }

  @Test
  void unknownKidsRefetchAtMostOncePerInterval() {
    NimbusAccessTokens tokens = verifier();
    Await.result(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build())));

    for (int i = 0; i < 5; i++) {
      RSAKey madeUp = new RSAKey.Builder(RSA).keyID("made-up-" + i).build();
      assertThat(Await.failure(tokens.verify(TokenFactory.rs256(madeUp, claims(USER).build()))))
          .isInstanceOf(InvalidTokenException.class);
    }

    assertThat(fetches).hasValue(2);
  }

  @Test
  void unknownKidRefetchesAgainOnceTheIntervalPassed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    NimbusAccessTokens tokens =
        verifier(JwtConfig.jwksUrl(url("/jwks.json"), Set.of("RS256")), clock);
    Await.result(tokens.verify(TokenFactory.rs256(RSA, claimsAt(clock))));
    RSAKey madeUp = new RSAKey.Builder(RSA).keyID("made-up").build();
    Await.failure(tokens.verify(TokenFactory.rs256(madeUp, claimsAt(clock))));
    Await.failure(tokens.verify(TokenFactory.rs256(madeUp, claimsAt(clock))));
    assertThat(fetches).hasValue(2);

    clock.advance(Duration.ofSeconds(31));
    Await.failure(tokens.verify(TokenFactory.rs256(madeUp, claimsAt(clock))));

    assertThat(fetches).hasValue(3);
  }

  @Test
  void keysOlderThanTheirLifetimeAreRefetched() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    NimbusAccessTokens tokens =
        verifier(JwtConfig.jwksUrl(url("/jwks.json"), Set.of("RS256")), clock);
    Await.result(tokens.verify(TokenFactory.rs256(RSA, claimsAt(clock))));

    clock.advance(Duration.ofMinutes(11));
    Await.result(tokens.verify(TokenFactory.rs256(RSA, claimsAt(clock))));

    assertThat(tokens.keyLoads()).isEqualTo(2);
  }

  @Test
  void aKeyServerThatNeverAnswersFailsWithinTheTimeout() {
    NimbusAccessTokens tokens =
        NimbusAccessTokens.create(
            JwtConfig.jwksUrl(url("/slow"), Set.of("RS256"))
                .withFetchTimeout(Duration.ofMillis(200)));

    assertThat(Await.failure(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build()))))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aKeyServerAnsweringAnErrorIsAnOutage() {
    NimbusAccessTokens tokens =
        NimbusAccessTokens.create(JwtConfig.jwksUrl(url("/broken"), Set.of("RS256")));

    assertThat(Await.failure(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build()))))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void wrongAudienceIsRefused() {
    NimbusAccessTokens tokens =
        NimbusAccessTokens.create(
            JwtConfig.jwksUrl(url("/jwks.json"), Set.of("RS256")).withAudiences(Set.of("chat")));

    assertThat(
            Await.failure(
                tokens.verify(TokenFactory.rs256(RSA, claims(USER).audience("other").build()))))
        .isInstanceOf(InvalidTokenException.class);
  }

  private static com.nimbusds.jwt.JWTClaimsSet claimsAt(Clock clock) {
    Instant now = clock.instant();
    return new com.nimbusds.jwt.JWTClaimsSet.Builder()
        .subject(USER)
        .issueTime(java.util.Date.from(now))
        .expirationTime(java.util.Date.from(now.plusSeconds(3600)))
        .build();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
