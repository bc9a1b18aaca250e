package io.chat.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CORS for the configured browser origins. Allowed origins get the headers (and preflights a 204);
 * others get none, so the browser keeps the answer from the page. A preflight from an origin not
 * allowed is refused with 403. Javalin's bundled CORS plugin is not used: it lets the request
 * continue after refusing it and cannot be limited to the API's paths.
 */
final class Cors {
  private static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
  private static final String HEADERS = "Authorization, Content-Type";

  private final Set<String> origins;
  private final boolean anyOrigin;

  Cors(List<String> origins) {
    this.anyOrigin = origins.contains("*");
    this.origins =
        Set.copyOf(origins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).toList());
  }

  /** Runs before the API's routes; answers preflights itself. */
  void handle(Context ctx) {
    String origin = ctx.header(Header.ORIGIN);
    if (origin == null) {
      return;
    }
    boolean allowed = anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT));
    boolean preflight =
        ctx.method() == HandlerType.OPTIONS
            && ctx.header(Header.ACCESS_CONTROL_REQUEST_METHOD) != null;
    if (allowed) {
      ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
      ctx.header(Header.VARY, Header.ORIGIN);
      ctx.header(Header.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
    }
    if (!preflight) {
      return;
    }
    if (allowed) {
      ctx.header(Header.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
      ctx.header(Header.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS);
      ctx.header(Header.ACCESS_CONTROL_MAX_AGE, "600");
      ctx.status(204);
    } else {
      Answer.failure(ctx, 403, "FORBIDDEN", "This origin is not allowed");
    }
    ctx.skipRemainingHandlers();
  }
}
