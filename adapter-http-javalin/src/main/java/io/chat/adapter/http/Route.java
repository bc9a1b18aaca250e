package io.chat.adapter.http;

import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One REST route: its method and path (Javalin's {@code {param}} syntax, which is also OpenAPI's),
 * who may call it, what it does, and what the OpenAPI document says about it.
 */
record Route(
    HandlerType method,
    String path,
    Access access,
    Doc doc,
    Optional<Action> action,
    Optional<io.javalin.http.Handler> raw) {

  /** Who may call a route. */
  enum Access {
    PUBLIC,
    USER,
    STAFF
  }

  /** What a route does, from a call to the answer for the envelope. */
  interface Action {
    CompletionStage<Reply> handle(Call call);
  }

  /** A success: status, short human text, and the {@code data} object. */
  record Reply(int status, String message, Object data) {
    static Reply ok(String message, Object data) {
      return new Reply(200, message, data);
    }
  }

  /** A query parameter, for the documentation. */
  record Param(String name, String type, String description) {}

  /**
   * The documentation of a route: summary, tag, query parameters, the request body's schema (when
   * it takes one), the success status and the schema of its {@code data} (or of the whole answer,
   * for the routes that answer outside the envelope).
   */
  record Doc(
      String summary,
      String tag,
      List<Param> query,
      Optional<String> requestSchema,
      boolean requestRequired,
      int status,
      String dataSchema,
      Optional<String> rawContentType) {}
}
