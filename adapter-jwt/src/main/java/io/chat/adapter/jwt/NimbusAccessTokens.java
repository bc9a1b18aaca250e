package io.chat.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.chat.adapter.jwt.JwtConfig.JwksFile;
import io.chat.adapter.jwt.JwtConfig.JwksUrl;
import io.chat.adapter.jwt.JwtConfig.SharedSecret;
import io.chat.application.port.out.AccessToken;
import io.chat.application.port.out.AccessTokens;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.application.port.out.StoreUnavailableException;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies bearer tokens with nimbus-jose-jwt: the signature with a pinned algorithm (HS256 with a
 * shared secret, or RS256/ES256 with a JWKS), {@code exp} required, {@code nbf} when present, and
 * {@code iss} and {@code aud} when configured, within the configured clock skew. The user is the
 * claim {@code userId}, else {@code sub}; {@code role: admin} marks staff.
 */
public final class NimbusAccessTokens implements AccessTokens {
  private static final String INVALID = "Invalid token";

  private final Set<JWSAlgorithm> algorithms;
  private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
  private final KeySelectors keys;

  private NimbusAccessTokens(JwtConfig config, Clock clock, KeySelectors keys) {
    this.algorithms =
        config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    this.claimsVerifier = claimsVerifier(config, clock);
    this.keys = keys;
  }

  /** A verifier on the system clock, fetching a JWKS URL with the JDK's HTTP client. */
  public static NimbusAccessTokens create(JwtConfig config) {
    return create(config, Clock.systemUTC());
  }

  public static NimbusAccessTokens create(JwtConfig config, Clock clock) {
    return new NimbusAccessTokens(config, clock, keySelectors(config, clock));
  }

  @Override
  public CompletionStage<AccessToken> verify(String token) {
    SignedJWT jwt;
    try {
      // Only signed tokens parse here: an unsecured ("alg": "none") token is refused now.
      jwt = SignedJWT.parse(token == null ? "" : token.strip());
    } catch (ParseException | RuntimeException e) {
      return CompletableFuture.failedFuture(new InvalidTokenException(INVALID));
    }
    JWSHeader header = jwt.getHeader();
    if (!algorithms.contains(header.getAlgorithm())) {
      // Pinning is what stops algorithm confusion (an HS256 token "signed" with a public key).
      return CompletableFuture.failedFuture(new InvalidTokenException(INVALID));
    }
    return keys.forHeader(header).thenApply(selector -> verified(jwt, selector));
  }

  /** How many times the JWKS was loaded; for tests of the cache. */
  long keyLoads() {
    return keys.loads();
  }

  private AccessToken verified(SignedJWT jwt, JWSKeySelector<SecurityContext> selector) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(selector);
    processor.setJWTClaimsSetVerifier(claimsVerifier);
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (BadJWTException e) {
      throw new InvalidTokenException(
          e.getMessage() != null && e.getMessage().contains("Expired") ? "Token expired" : INVALID);
    } catch (BadJOSEException | JOSEException | RuntimeException e) {
      throw new InvalidTokenException(INVALID);
    }
    return accessToken(claims);
  }

  private static AccessToken accessToken(JWTClaimsSet claims) {
    Object userIdClaim = claims.getClaim("userId");
    if (userIdClaim != null && !(userIdClaim instanceof String)) {
      throw new InvalidTokenException(INVALID);
    }
    String raw = userIdClaim != null ? (String) userIdClaim : claims.getSubject();
    UserId userId;
    try {
      userId = UserId.of(raw);
    } catch (InvalidArgumentException e) {
      throw new InvalidTokenException(INVALID);
    }
    return new AccessToken(
        userId,
        "admin".equals(claims.getClaim("role")),
        claims.getExpirationTime().toInstant(),
        text(claims.getClaim("name")),
        text(claims.getClaim("picture")));
  }

  private static Optional<String> text(Object claim) {
    return claim instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(
      JwtConfig config, Clock clock) {
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    config.issuer().ifPresent(exact::issuer);
    Set<String> required = new HashSet<>(Set.of("exp"));
    config.issuer().ifPresent(i -> required.add("iss"));
    if (!config.audiences().isEmpty()) {
      required.add("aud");
    }
    DefaultJWTClaimsVerifier<SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            config.audiences().isEmpty() ? null : config.audiences(),
            exact.build(),
            required,
            null) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    verifier.setMaxClockSkew((int) config.clockSkew().toSeconds());
    return verifier;
  }

  private static KeySelectors keySelectors(JwtConfig config, Clock clock) {
    Set<JWSAlgorithm> algorithms =
        config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    if (config.keys() instanceof SharedSecret secret) {
      JWSKeySelector<SecurityContext> selector =
          new SingleKeyJWSKeySelector<>(
              JWSAlgorithm.HS256, new SecretKeySpec(secret.bytes(), "HmacSHA256"));
      return new KeySelectors() {
        @Override
        public CompletionStage<JWSKeySelector<SecurityContext>> forHeader(JWSHeader header) {
          return CompletableFuture.completedFuture(selector);
        }

        @Override
        public long loads() {
          return 0;
        }
      };
    }
    JwksCache cache =
        new JwksCache(loader(config), clock, config.cacheTtl(), config.refreshMinInterval());
    return new KeySelectors() {
      @Override
      public CompletionStage<JWSKeySelector<SecurityContext>> forHeader(JWSHeader header) {
        return cache
            .keysFor(header)
            .handle(
                (keys, failure) -> {
                  if (failure != null) {
                    // No key set at all is an outage on our side, not a bad token.
                    throw new StoreUnavailableException(failure);
                  }
                  return new JWSVerificationKeySelector<>(
                      algorithms, new ImmutableJWKSet<SecurityContext>(keys));
                });
      }

      @Override
      public long loads() {
        return cache.loads();
      }
    };
  }

  private static java.util.function.Supplier<CompletableFuture<JWKSet>> loader(JwtConfig config) {
    Duration timeout = config.fetchTimeout();
    if (config.keys() instanceof JwksUrl url) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
      HttpRequest request =
          HttpRequest.newBuilder(url.url())
              .timeout(timeout)
              .header("Accept", "application/json")
              .GET()
              .build();
      return () ->
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenApply(
                  response -> {
                    if (response.statusCode() != 200) {
                      throw new IllegalStateException(
                          "JWKS answered HTTP " + response.statusCode());
                    }
                    return parse(response.body());
                  })
              // The request timeout covers the headers; this also bounds a body that trickles.
              .orTimeout(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    JwksFile file = (JwksFile) config.keys();
    return () ->
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return JWKSet.load(file.file().toFile());
                  } catch (IOException | ParseException e) {
                    throw new IllegalStateException("cannot read JWKS file " + file.file(), e);
                  }
                })
            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static JWKSet parse(String body) {
    try {
      return JWKSet.parse(body);
    } catch (ParseException e) {
      throw new IllegalStateException("JWKS is not a valid key set", e);
    }
  }

  /** The key selector for a token's header, once its keys are at hand. */
  private interface KeySelectors {
    CompletionStage<JWSKeySelector<SecurityContext>> forHeader(JWSHeader header);

    long loads();
  }
}
