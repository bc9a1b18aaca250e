package io.chat.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chat.adapter.http.Route.Access;
import io.chat.adapter.http.Route.Doc;
import io.chat.adapter.http.Route.Param;
import io.chat.adapter.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.0 document, built from the same route list that is registered (so neither can drift
 * from the other) and the schemas kept beside this class.
 */
final class OpenApi {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private OpenApi() {}

  static byte[] document(List<Route> routes) {
    ObjectNode doc = Json.newObject();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Chat API");
    info.put("version", "1");
    info.put(
        "description",
        "REST API of the chat server. Every JSON answer is in the envelope"
            + " {success, message, data} or {success: false, message, error: {code, message}}.");
    ObjectNode components = components();
    doc.set("components", components);
    ObjectNode paths = doc.putObject("paths");
    for (Route route : routes) {
      ObjectNode path =
          paths.has(route.path())
              ? (ObjectNode) paths.get(route.path())
              : paths.putObject(route.path());
      path.set(route.method().name().toLowerCase(Locale.ROOT), operation(route, components));
    }
    return Json.write(doc);
  }

  private static ObjectNode operation(Route route, ObjectNode components) {
    Doc doc = route.doc();
    ObjectNode op = Json.newObject();
    op.put("summary", doc.summary());
    op.putArray("tags").add(doc.tag());
    op.put(
        "operationId",
        route.method().name().toLowerCase(Locale.ROOT)
            + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
    if (route.access() != Access.PUBLIC) {
      op.putArray("security").addObject().putArray("bearer");
    }
    ArrayNode parameters = op.putArray("parameters");
    Matcher m = PATH_PARAM.matcher(route.path());
    while (m.find()) {
      ObjectNode p = parameters.addObject();
      p.put("name", m.group(1));
      p.put("in", "path");
      p.put("required", true);
      p.putObject("schema").put("type", "string");
    }
    for (Param q : doc.query()) {
      ObjectNode p = parameters.addObject();
      p.put("name", q.name());
      p.put("in", "query");
      p.put("required", false);
      p.put("description", q.description());
      p.putObject("schema").put("type", q.type());
    }
    doc.requestSchema()
        .ifPresent(
            schema -> {
              ObjectNode body = op.putObject("requestBody");
              body.put("required", doc.requestRequired());
              body.putObject("content")
                  .putObject("application/json")
                  .putObject("schema")
                  .put("$ref", ref(schema, components));
            });
    ObjectNode responses = op.putObject("responses");
    ObjectNode ok = responses.putObject(Integer.toString(doc.status()));
    ok.put("description", doc.rawContentType().isPresent() ? "The document" : "Success");
    ObjectNode schema =
        ok.putObject("content")
            .putObject(doc.rawContentType().orElse("application/json"))
            .putObject("schema");
    if (doc.rawContentType().isPresent()) {
      schema.put("$ref", ref(doc.dataSchema(), components));
    } else {
      schema.put("type", "object");
      ObjectNode props = schema.putObject("properties");
      props.putObject("success").put("type", "boolean");
      props.putObject("message").put("type", "string");
      props.putObject("data").put("$ref", ref(doc.dataSchema(), components));
    }
    if (route.access() != Access.PUBLIC) {
      error(responses, "401", "No token, or a token that is not valid (UNAUTHENTICATED)");
    }
    if (route.access() == Access.STAFF) {
      error(responses, "403", "The caller is not staff (FORBIDDEN)");
    }
    error(responses, "default", "Any other refusal, in the envelope (see the error table)");
    return op;
  }

  private static void error(ObjectNode responses, String status, String description) {
    ObjectNode r = responses.putObject(status);
    r.put("description", description);
    r.putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/Error");
  }

  /** A reference to a schema, which must exist: a route naming a missing one fails at startup. */
  private static String ref(String schema, ObjectNode components) {
    if (!components.path("schemas").has(schema)) {
      throw new IllegalStateException("no schema " + schema + " in openapi-components.json");
    }
    return "#/components/schemas/" + schema;
  }

  private static ObjectNode components() {
    try (InputStream in = OpenApi.class.getResourceAsStream("openapi-components.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi-components.json is missing");
      }
      JsonNode node = Json.read(in);
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
