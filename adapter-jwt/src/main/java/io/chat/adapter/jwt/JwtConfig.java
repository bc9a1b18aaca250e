package io.chat.adapter.jwt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How bearer tokens are verified: where the keys come from, which algorithms are accepted (pinned:
 * a token naming any other is refused), the expected issuer and audiences (checked when set), the
 * clock skew, and how the JWKS is fetched and cached.
 *
 * @param keys a shared secret (HS256) or a JWKS (RS256 and/or ES256) from a URL or a file
 * @param algorithms the accepted algorithms, all of the key source's family
 * @param issuer the required {@code iss}, when present
 * @param audiences the accepted {@code aud} values; empty: the audience is not checked
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param fetchTimeout the longest a JWKS fetch may take before it counts as failed
 * @param cacheTtl after this the JWKS is refetched in the background (the old keys serve meanwhile)
 * @param refreshMinInterval at most one fetch per interval, however many unknown {@code kid}s come
 */
public record JwtConfig(
    KeySource keys,
    Set<String> algorithms,
    Optional<String> issuer,
    Set<String> audiences,
    Duration clockSkew,
    Duration fetchTimeout,
    Duration cacheTtl,
    Duration refreshMinInterval) {

  public static final int MIN_SECRET_BYTES = 32;
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  static final Set<String> HMAC = Set.of("HS256");
  static final Set<String> ASYMMETRIC = Set.of("RS256", "ES256");

  public JwtConfig {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(fetchTimeout, "fetchTimeout");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(refreshMinInterval, "refreshMinInterval");
    algorithms = Set.copyOf(algorithms);
    audiences = Set.copyOf(audiences);
    Set<String> family = keys instanceof SharedSecret ? HMAC : ASYMMETRIC;
    if (algorithms.isEmpty() || !family.containsAll(algorithms)) {
      throw new IllegalArgumentException(
          (keys instanceof SharedSecret ? "a shared secret" : "a JWKS")
              + " verifies only "
              + family
              + ", not "
              + algorithms);
    }
    if (clockSkew.isNegative()
        || fetchTimeout.isNegative()
        || fetchTimeout.isZero()
        || cacheTtl.isNegative()
        || cacheTtl.isZero()
        || refreshMinInterval.isNegative()) {
      throw new IllegalArgumentException("durations must be positive");
    }
  }

  /** HS256 with a shared secret of at least 32 bytes (UTF-8). */
  public static JwtConfig sharedSecret(String secret) {
    return defaults(new SharedSecret(secret), HMAC);
  }

  /** Keys from a JWKS served at {@code url}, for the given algorithms (RS256, ES256). */
  public static JwtConfig jwksUrl(URI url, Set<String> algorithms) {
    return defaults(new JwksUrl(url), algorithms);
  }

  /** Keys from a JWKS file, for the given algorithms (RS256, ES256). */
  public static JwtConfig jwksFile(Path file, Set<String> algorithms) {
    return defaults(new JwksFile(file), algorithms);
  }

  private static JwtConfig defaults(KeySource keys, Set<String> algorithms) {
    return new JwtConfig(
        keys,
        algorithms,
        Optional.empty(),
        Set.of(),
        DEFAULT_CLOCK_SKEW,
        Duration.ofSeconds(5),
        Duration.ofMinutes(10),
        Duration.ofSeconds(30));
  }

  public JwtConfig withIssuer(String expected) {
    return new JwtConfig(
        keys,
        algorithms,
        Optional.of(expected),
        audiences,
        clockSkew,
        fetchTimeout,
        cacheTtl,
        refreshMinInterval);
  }

  public JwtConfig withAudiences(Set<String> accepted) {
    return new JwtConfig(
        keys, algorithms, issuer, accepted, clockSkew, fetchTimeout, cacheTtl, refreshMinInterval);
  }

  public JwtConfig withRefreshMinInterval(Duration interval) {
    return new JwtConfig(
        keys, algorithms, issuer, audiences, clockSkew, fetchTimeout, cacheTtl, interval);
  }

  public JwtConfig withFetchTimeout(Duration timeout) {
    return new JwtConfig(
        keys, algorithms, issuer, audiences, clockSkew, timeout, cacheTtl, refreshMinInterval);
  }

  /** Where the verification keys come from. */
  public sealed interface KeySource permits SharedSecret, JwksUrl, JwksFile {}

  /** An HMAC secret shared with the token issuer; never printed. */
  public record SharedSecret(String secret) implements KeySource {
    public SharedSecret {
      if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "the HS256 secret must be at least " + MIN_SECRET_BYTES + " bytes");
      }
    }

    byte[] bytes() {
      return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "SharedSecret[***]";
    }
  }

  /** A JWKS document served over HTTP(S). */
  public record JwksUrl(URI url) implements KeySource {
    public JwksUrl {
      Objects.requireNonNull(url, "url");
    }
  }

  /** A JWKS document in a local file; re-read when a token names a key it does not hold. */
  public record JwksFile(Path file) implements KeySource {
    public JwksFile {
      Objects.requireNonNull(file, "file");
    }
  }
}
