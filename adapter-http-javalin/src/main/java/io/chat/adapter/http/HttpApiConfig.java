package io.chat.adapter.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the REST API: the browser origins allowed by CORS (exact origins such as {@code
 * https://app.example.com}; {@code *} allows any), the request body limit, how many API requests
 * may be in flight at once (past it they are refused with {@code 503 UNAVAILABLE} and {@code
 * Retry-After}), and the registry that {@code /metrics} shows (share it with the other adapters so
 * that one scrape has everything).
 */
public record HttpApiConfig(
    List<String> corsOrigins, int maxBodyBytes, int maxInFlight, PrometheusMeterRegistry metrics) {
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

  public HttpApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(metrics, "metrics");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive");
    }
  }

  /** No CORS origin, 64 KiB bodies, 1024 API requests in flight, a fresh registry. */
  public static HttpApiConfig defaults() {
    return new HttpApiConfig(
        List.of(),
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_IN_FLIGHT,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public HttpApiConfig withCorsOrigins(List<String> origins) {
    return new HttpApiConfig(origins, maxBodyBytes, maxInFlight, metrics);
  }

  public HttpApiConfig withMaxBodyBytes(int bytes) {
    return new HttpApiConfig(corsOrigins, bytes, maxInFlight, metrics);
  }

  public HttpApiConfig withMaxInFlight(int requests) {
    return new HttpApiConfig(corsOrigins, maxBodyBytes, requests, metrics);
  }

  public HttpApiConfig withMetrics(PrometheusMeterRegistry registry) {
    return new HttpApiConfig(corsOrigins, maxBodyBytes, maxInFlight, registry);
  }
}
