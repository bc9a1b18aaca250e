package io.chat.adapter.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the REST API: the browser origins allowed by CORS (exact origins such as {@code
 * https://app.example.com}; {@code *} allows any), the request body limit, and the registry that
 * {@code /metrics} shows (share it with the other adapters so that one scrape has everything).
 */
public record HttpApiConfig(
    List<String> corsOrigins, int maxBodyBytes, PrometheusMeterRegistry metrics) {
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public HttpApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(metrics, "metrics");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
  }

  /** No CORS origin, 64 KiB bodies, a fresh registry. */
  public static HttpApiConfig defaults() {
    return new HttpApiConfig(
        List.of(), DEFAULT_MAX_BODY_BYTES, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public HttpApiConfig withCorsOrigins(List<String> origins) {
    return new HttpApiConfig(origins, maxBodyBytes, metrics);
  }

  public HttpApiConfig withMaxBodyBytes(int bytes) {
    return new HttpApiConfig(corsOrigins, bytes, metrics);
  }

  public HttpApiConfig withMetrics(PrometheusMeterRegistry registry) {
    return new HttpApiConfig(corsOrigins, maxBodyBytes, registry);
  }
}
