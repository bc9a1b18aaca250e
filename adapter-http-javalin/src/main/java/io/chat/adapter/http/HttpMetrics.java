package io.chat.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's meters: requests counted and timed by method, route pattern (never the raw path,
 * which would make one series per user) and status; messages stored through REST.
 */
final class HttpMetrics {
  private static final Logger ACCESS = LoggerFactory.getLogger("io.chat.access");
  static final String REQUESTS = "http.server.requests";
  static final String MESSAGES_SENT = "chat.messages.sent";
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final PrometheusMeterRegistry registry;
  private final Counter sent;

  HttpMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.sent =
        Counter.builder(MESSAGES_SENT)
            .description("Messages stored, by the transport they came through")
            .tag("transport", "rest")
            .register(registry);
  }

  void messageSent() {
    sent.increment();
  }

  void record(Context ctx, float millis) {
    String method = ctx.method().name();
    // One line a request: the route pattern, never the body (no message text in logs).
    ACCESS.info("{} {} {} {}ms", method, route(ctx), ctx.statusCode(), Math.round(millis));
    Timer.builder(REQUESTS)
        .description("HTTP requests by route pattern")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("route", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
  }

  String scrape() {
    return registry.scrape();
  }

  private static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    if (endpoint == null || endpoint.path.isEmpty() || endpoint.method == HandlerType.OPTIONS) {
      return ctx.method() == HandlerType.OPTIONS ? "preflight" : "unmatched";
    }
    return endpoint.path;
  }
}
