package io.chat.adapter.http;

import io.chat.adapter.http.Route.Access;
import io.chat.adapter.http.Route.Action;
import io.chat.adapter.http.Route.Doc;
import io.chat.adapter.http.Route.Param;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes being defined, each with its documentation: the one list that is both registered and
 * documented.
 */
final class RouteTable {
  private final List<Route> routes = new ArrayList<>();

  List<Route> routes() {
    return List.copyOf(routes);
  }

  Builder get(String path) {
    return new Builder(HandlerType.GET, path);
  }

  Builder post(String path) {
    return new Builder(HandlerType.POST, path);
  }

  Builder put(String path) {
    return new Builder(HandlerType.PUT, path);
  }

  Builder patch(String path) {
    return new Builder(HandlerType.PATCH, path);
  }

  Builder delete(String path) {
    return new Builder(HandlerType.DELETE, path);
  }

  /** One route under construction; {@link #does} or {@link #raw} adds it. */
  final class Builder {
    private final HandlerType method;
    private final String path;
    private Access access = Access.USER;
    private String summary = "";
    private String tag = "";
    private final List<Param> query = new ArrayList<>();
    private Optional<String> requestSchema = Optional.empty();
    private boolean requestRequired;
    private int status = 200;
    private String dataSchema = "Empty";

    private Builder(HandlerType method, String path) {
      this.method = method;
      this.path = path;
    }

    Builder access(Access who) {
      this.access = who;
      return this;
    }

    Builder summary(String tag, String summary) {
      this.tag = tag;
      this.summary = summary;
      return this;
    }

    Builder query(String name, String type, String description) {
      query.add(new Param(name, type, description));
      return this;
    }

    Builder paged() {
      return query("limit", "integer", "1 to 200, default 50")
          .query("cursor", "string", "nextCursor of the previous page");
    }

    Builder history() {
      return query("limit", "integer", "1 to 200, default 50")
          .query("before", "integer", "seq: the page before it (default: the latest page)")
          .query("after", "integer", "seq: what came after it (resume after a reconnect)");
    }

    Builder body(String schema, boolean required) {
      this.requestSchema = Optional.of(schema);
      this.requestRequired = required;
      return this;
    }

    Builder returns(int status, String dataSchema) {
      this.status = status;
      this.dataSchema = dataSchema;
      return this;
    }

    void does(Action action) {
      routes.add(
          new Route(
              method, path, access, doc(Optional.empty()), Optional.of(action), Optional.empty()));
    }

    /** A route answering outside the envelope (metrics, the API document and page). */
    void raw(String contentType, Handler handler) {
      routes.add(
          new Route(
              method,
              path,
              access,
              doc(Optional.of(contentType)),
              Optional.empty(),
              Optional.of(handler)));
    }

    private Doc doc(Optional<String> rawContentType) {
      return new Doc(
          summary,
          tag,
          List.copyOf(query),
          requestSchema,
          requestRequired,
          status,
          dataSchema,
          rawContentType);
    }
  }
}
