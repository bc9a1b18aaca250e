package io.chat.adapter.http;

import io.chat.application.port.out.SendRateLimit;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the REST API: the browser origins allowed by CORS (exact origins such as {@code
 * https://app.example.com}; {@code *} allows any), the request body limit, how many API requests
 * may be in flight at once (past it they are refused with {@code 503 UNAVAILABLE} and {@code
 * Retry-After}), and the registry that {@code /metrics} shows (share it with the other adapters so
 * that one scrape has everything).
 */
public record HttpApiConfig(
    List<String> corsOrigins,
    int maxBodyBytes,
    int maxInFlight,
    PrometheusMeterRegistry metrics,
    FairUse fairUse,
    ClientDeadlines clientDeadlines) {
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT_PER_USER = 16;

  public HttpApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(fairUse, "fairUse");
    Objects.requireNonNull(clientDeadlines, "clientDeadlines");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive");
    }
  }

  /**
   * What one user may take of the API, so that nobody slows everybody else down: a budget of reads
   * ({@code GET} under {@code /api/}, a per-user token bucket behind the same port as the send
   * limit; none: unlimited) and a bound on that user's API requests in flight at once. Past either,
   * {@code 429 RATE_LIMITED} with {@code Retry-After}.
   */
  public record FairUse(Optional<SendRateLimit> reads, int maxInFlightPerUser) {
    public FairUse {
      Objects.requireNonNull(reads, "reads");
      if (maxInFlightPerUser < 1) {
        throw new IllegalArgumentException("maxInFlightPerUser must be positive");
      }
    }

    /** No read budget, 16 requests in flight per user. */
    public static FairUse defaults() {
      return new FairUse(Optional.empty(), DEFAULT_MAX_IN_FLIGHT_PER_USER);
    }
  }

  /**
   * How long a client may take to send what it must: a new connection its first request's headers,
   * a request its body. Past either the connection is closed (a client dribbling bytes would
   * otherwise keep it, and the thread reading a body, past every idle timeout).
   */
  public record ClientDeadlines(Duration headers, Duration body) {
    public ClientDeadlines {
      if (headers.isNegative() || headers.isZero() || body.isNegative() || body.isZero()) {
        throw new IllegalArgumentException("client deadlines must be positive");
      }
    }

    /** 10 s for the headers, 30 s for a body (64 KiB at 2.2 KB/s). */
    public static ClientDeadlines defaults() {
      return new ClientDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
  }

  /** No CORS origin, 64 KiB bodies, 1024 API requests in flight, a fresh registry. */
  public static HttpApiConfig defaults() {
    return new HttpApiConfig(
        List.of(),
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_IN_FLIGHT,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        FairUse.defaults(),
        ClientDeadlines.defaults());
  }

  public HttpApiConfig withCorsOrigins(List<String> origins) {
    return new HttpApiConfig(origins, maxBodyBytes, maxInFlight, metrics, fairUse, clientDeadlines);
  }

  public HttpApiConfig withMaxBodyBytes(int bytes) {
    return new HttpApiConfig(corsOrigins, bytes, maxInFlight, metrics, fairUse, clientDeadlines);
  }

  public HttpApiConfig withMaxInFlight(int requests) {
    return new HttpApiConfig(
        corsOrigins, maxBodyBytes, requests, metrics, fairUse, clientDeadlines);
  }

  public HttpApiConfig withMetrics(PrometheusMeterRegistry registry) {
    return new HttpApiConfig(
        corsOrigins, maxBodyBytes, maxInFlight, registry, fairUse, clientDeadlines);
  }

  public HttpApiConfig withClientDeadlines(ClientDeadlines deadlines) {
    return new HttpApiConfig(corsOrigins, maxBodyBytes, maxInFlight, metrics, fairUse, deadlines);
  }

  public HttpApiConfig withFairUse(FairUse limits) {
    return new HttpApiConfig(
        corsOrigins, maxBodyBytes, maxInFlight, metrics, limits, clientDeadlines);
  }
}
