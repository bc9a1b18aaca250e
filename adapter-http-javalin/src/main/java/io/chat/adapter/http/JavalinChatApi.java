package io.chat.adapter.http;

import io.chat.adapter.http.Route.Access;
import io.chat.adapter.http.Route.Action;
import io.chat.adapter.wire.Envelope;
import io.chat.adapter.wire.ErrorTable;
import io.chat.adapter.wire.Wire;
import io.chat.application.port.in.Actor;
import io.chat.application.port.in.RateLimitedException;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.Failures;
import io.chat.domain.shared.InvalidArgumentException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API as a Javalin 7 installer: {@link #install} adds the protocol's routes, the envelope
 * for every answer (errors, unknown routes, wrong methods and what Jetty refuses before routing
 * included), CORS for the API's paths, a bound on API requests in flight, request metrics, {@code
 * /health}, {@code /ready}, {@code /metrics}, {@code /openapi.json} and the API page to a {@link
 * JavalinConfig}. The caller owns the Javalin instance, so that other adapters (the realtime
 * endpoint) can be installed on the same server.
 */
public final class JavalinChatApi {
  private static final Logger LOG = LoggerFactory.getLogger(JavalinChatApi.class);
  static final String OPENAPI_PATH = "/openapi.json";
  static final String DOCS_PATH = "/docs";

  /** The routes under admission control: the API proper, not health, metrics or the docs. */
  static final String API_PREFIX = "/api/";

  static final String BUSY = "Server busy, retry shortly";

  /** How much of a refused body is read and dropped so that its client gets the answer. */
  static final long DISCARDED_BODY_BYTES = 1024 * 1024;

  private final ChatUseCases useCases;
  private final HttpApiConfig config;
  private final HttpMetrics metrics;
  private final Cors cors;
  private final Admission admission;
  private final FairUseGate fairUse;
  private final SlowClients slowClients;
  private final List<Route> routes;
  private byte[] openApi; // made when first asked for (5% of the start-up otherwise)
  private final byte[] docsPage;

  public JavalinChatApi(ChatUseCases useCases, HttpApiConfig config) {
    this.useCases = useCases;
    this.config = config;
    this.metrics = new HttpMetrics(config.metrics());
    this.cors = new Cors(config.corsOrigins());
    this.admission = new Admission(config.maxInFlight(), config.metrics());
    this.fairUse = new FairUseGate(config.fairUse());
    this.slowClients =
        new SlowClients(config.clientDeadlines().headers(), config.clientDeadlines().body());
    RouteTable table = new RouteTable();
    ChatRoutes.define(table, useCases, metrics);
    operations(table);
    this.routes = table.routes();
    this.docsPage = resource("api.html");
  }

  /** Adds everything to the configuration of a Javalin instance that is not started yet. */
  public void install(JavalinConfig javalin) {
    // A known path asked with another method is 405, not 404.
    javalin.http.prefer405over404 = true;
    javalin.routes.before("/api/*", cors::handle);
    javalin.routes.before("/api/*", StrictRequests::check);
    for (Route route : routes) {
      javalin.routes.addHttpHandler(route.method(), route.path(), handler(route));
    }
    javalin.routes.exception(HttpResponseException.class, this::onHttpResponseException);
    javalin.routes.exception(Exception.class, (e, ctx) -> onException(e, ctx));
    javalin.router.javaLangErrorHandler(
        (res, error) -> {
          LOG.error("Error while serving a request", error);
          res.setStatus(500);
          res.setContentType(Envelope.JSON);
          try {
            res.getOutputStream()
                .write(Envelope.failure(ErrorCode.INTERNAL.name(), "Internal error"));
          } catch (IOException | RuntimeException ignored) {
            // The connection is gone or the answer was already committed; nothing more to say.
          }
        });
    javalin.requestLogger.http(metrics::record);
    // What Jetty refuses before routing (malformed request line, headers too large, ...) never
    // reaches the handlers above: the server's own error handler answers it.
    javalin.jetty.modifyServer(
        server -> {
          server.setErrorHandler(new JettyErrors());
          // Inherited by every connector, so that each new connection gets its deadline.
          server.addEventListener(slowClients);
        });
  }

  private void operations(RouteTable t) {
    t.get("/health")
        .access(Access.PUBLIC)
        .summary("operations", "The process is up")
        .returns(200, "Health")
        .does(
            c ->
                CompletableFuture.completedFuture(
                    Route.Reply.ok("Up", Wire.fields("status", "up"))));
    t.get("/ready")
        .access(Access.PUBLIC)
        .summary("operations", "The store answers (503 UNAVAILABLE when it does not)")
        .returns(200, "Health")
        .does(
            c ->
                useCases
                    .readiness()
                    .ready()
                    .thenApply(done -> Route.Reply.ok("Ready", Wire.fields("status", "ready"))));
    t.get("/metrics")
        .access(Access.PUBLIC)
        .summary("operations", "Prometheus metrics")
        .returns(200, "PrometheusText")
        .raw(
            "text/plain",
            ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
    t.get(OPENAPI_PATH)
        .access(Access.PUBLIC)
        .summary("operations", "This API's OpenAPI 3 document")
        .returns(200, "OpenApi")
        .raw("application/json", ctx -> ctx.contentType(Envelope.JSON).result(openApi()));
    t.get(DOCS_PATH)
        .access(Access.PUBLIC)
        .summary("operations", "A browsable page of the API")
        .returns(200, "Html")
        .raw("text/html", ctx -> ctx.contentType("text/html; charset=utf-8").result(docsPage));
  }

  private synchronized byte[] openApi() {
    if (openApi == null) {
      openApi = OpenApi.document(routes);
    }
    return openApi;
  }

  private Handler handler(Route route) {
    if (route.raw().isPresent()) {
      return route.raw().get();
    }
    Action action = route.action().orElseThrow();
    boolean readsBody = route.method() != HandlerType.GET;
    if (!route.path().startsWith(API_PREFIX)) {
      return ctx -> {
        byte[] body = readsBody ? readBody(ctx) : new byte[0];
        ctx.future(() -> respond(ctx, route, action, body));
      };
    }
    return ctx -> {
      Optional<Admission.Permit> admitted = admission.tryAcquire();
      if (admitted.isEmpty()) {
        ctx.header(Header.RETRY_AFTER, "1");
        Answer.failure(
            ctx, ErrorTable.status(ErrorCode.UNAVAILABLE), ErrorCode.UNAVAILABLE.name(), BUSY);
        return;
      }
      Admission.Permit permit = admitted.get();
      try {
        byte[] body = readsBody ? readBody(ctx) : new byte[0];
        ctx.future(
            () -> {
              try {
                return respond(ctx, route, action, body)
                    .whenComplete((done, e) -> permit.release());
              } catch (RuntimeException | Error e) {
                permit.release();
                throw e;
              }
            });
      } catch (RuntimeException | Error e) {
        // Refused before the use case ran (a body over the limit): the place is free again.
        permit.release();
        throw e;
      }
    };
  }

  private CompletableFuture<Void> respond(Context ctx, Route route, Action action, byte[] body) {
    boolean read = route.method() == HandlerType.GET && route.path().startsWith(API_PREFIX);
    return authenticate(ctx, route.access())
        .thenCompose(
            actor -> fairUse.run(actor, read, () -> action.handle(new Call(ctx, actor, body))))
        .thenAccept(reply -> Answer.success(ctx, reply.status(), reply.message(), reply.data()))
        .toCompletableFuture();
  }

  private CompletionStage<Actor> authenticate(Context ctx, Access access) {
    if (access == Access.PUBLIC) {
      return CompletableFuture.completedFuture(null);
    }
    CompletionStage<Actor> actor = useCases.authenticate().authenticate(bearer(ctx));
    if (access == Access.STAFF) {
      // Refuse users before looking at their input: a 403 says more than a 400 would.
      return actor.thenApply(
          a -> {
            a.requireStaff();
            return a;
          });
    }
    return actor;
  }

  private static String bearer(Context ctx) {
    String header = ctx.header(Header.AUTHORIZATION);
    if (header == null) {
      return "";
    }
    String value = header.strip();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : "";
  }

  /**
   * The body, at most the configured size: a declared length over it is refused before it is
   * parsed, and a body that turns out longer is refused as soon as it passes the limit. A refused
   * body is read to its end (up to {@link #DISCARDED_BODY_BYTES}) and dropped: closing a connection
   * with unread bytes resets it, and the client, still sending, would lose the 413 (we saw one in
   * six lost that way).
   */
  private byte[] readBody(Context ctx) {
    int limit = config.maxBodyBytes();
    long declared = ctx.req().getContentLengthLong();
    try {
      InputStream in = ctx.req().getInputStream();
      EndPoint endPoint =
          ServletContextRequest.getServletContextRequest(ctx.req())
              .getConnectionMetaData()
              .getConnection()
              .getEndPoint();
      return slowClients.withinBodyDeadline(
          endPoint,
          () -> {
            if (declared > limit) {
              throw tooLarge(in, declared <= DISCARDED_BODY_BYTES);
            }
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
              throw tooLarge(in, true);
            }
            return bytes;
          });
    } catch (IOException e) {
      // A broken chunk, a body cut short of its Content-Length: the client's mistake, not ours.
      throw new InvalidArgumentException("The request body could not be read");
    }
  }

  private PayloadTooLargeException tooLarge(InputStream in, boolean discard) throws IOException {
    if (discard) {
      long left = DISCARDED_BODY_BYTES;
      while (left > 0 && in.read() >= 0) {
        left -= 1 + in.skip(left - 1);
      }
    }
    return new PayloadTooLargeException(config.maxBodyBytes());
  }

  private void onHttpResponseException(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    switch (status) {
      case 404 -> Answer.failure(ctx, 404, ErrorCode.NOT_FOUND.name(), "No such endpoint");
      case 405 -> {
        String allowed = e.getDetails().get("availableMethods");
        if (allowed == null) {
          allowed = e.getDetails().get("Available methods");
        }
        if (allowed != null) {
          ctx.header(Header.ALLOW, allowed);
        }
        Answer.failure(
            ctx,
            ErrorTable.METHOD_NOT_ALLOWED_STATUS,
            ErrorTable.METHOD_NOT_ALLOWED,
            "This endpoint does not take " + ctx.method().name());
      }
      case 413 ->
          Answer.failure(
              ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE.name(), "The request body is too large");
      default -> {
        ErrorCode code = codeFor(status);
        Answer.failure(
            ctx,
            ErrorTable.status(code),
            code.name(),
            code == ErrorCode.INTERNAL ? "Internal error" : e.getMessage());
      }
    }
  }

  private static ErrorCode codeFor(int status) {
    return switch (status) {
      case 400 -> ErrorCode.INVALID_ARGUMENT;
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 409 -> ErrorCode.CONFLICT;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 503 -> ErrorCode.UNAVAILABLE;
      default -> ErrorCode.INTERNAL;
    };
  }

  private void onException(Exception e, Context ctx) {
    Throwable cause = Failures.unwrapped(e);
    if (cause instanceof HttpResponseException http) {
      onHttpResponseException(http, ctx);
      return;
    }
    if (cause instanceof ChatException refusal) {
      ErrorCode code = refusal.code();
      if (refusal instanceof RateLimitedException limited) {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        ctx.header(Header.RETRY_AFTER, Long.toString(seconds));
      }
      if (code == ErrorCode.UNAUTHENTICATED) {
        ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
      }
      if (code == ErrorCode.UNAVAILABLE) {
        // Retry shortly (with the same clientMessageId for a send). Not a warning per request: an
        // outage would flood the log; the store's circuit says when it opens and closes.
        ctx.header(Header.RETRY_AFTER, "1");
        LOG.debug("{} {} failed: {}", ctx.method(), ctx.path(), code, refusal.getCause());
      }
      if (code == ErrorCode.INTERNAL) {
        LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), code, refusal.getCause());
      }
      Answer.failure(ctx, ErrorTable.status(code), code.name(), refusal.getMessage());
      return;
    }
    LOG.error("Unexpected failure of {} {}", ctx.method(), ctx.path(), cause);
    Answer.failure(ctx, 500, ErrorCode.INTERNAL.name(), "Internal error");
  }

  private static byte[] resource(String name) {
    try (InputStream in = JavalinChatApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      // A broken chunk, a body cut short of its Content-Length: the client's mistake, not ours.
      throw new InvalidArgumentException("The request body could not be read");
    }
  }
}
