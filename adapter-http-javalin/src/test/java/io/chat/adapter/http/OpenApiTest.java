package io.chat.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {
  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  private Set<String> registeredRoutes() {
    Set<String> routes = new HashSet<>();
    server.app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .forEach(endpoint -> routes.add(endpoint.method.name() + " " + endpoint.path));
    return routes;
  }

  private Set<String> documentedRoutes(JsonNode doc) {
    Set<String> routes = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    return routes;
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() {
    JsonNode doc = server.get("/openapi.json", null).json();

    Set<String> registered = registeredRoutes();

    assertThat(registered).hasSizeGreaterThanOrEqualTo(25);
    assertThat(documentedRoutes(doc)).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void everySchemaReferenceResolves() {
    JsonNode doc = server.get("/openapi.json", null).json();

    Set<String> refs = new HashSet<>();
    collectRefs(doc, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void protectedRoutesDeclareBearerSecurity() {
    JsonNode doc = server.get("/openapi.json", null).json();

    assertThat(doc.path("paths").path("/api/v1/chat").path("get").has("security")).isTrue();
    assertThat(doc.path("paths").path("/health").path("get").has("security")).isFalse();
    assertThat(doc.path("openapi").asText()).startsWith("3.");
  }

  @Test
  void theApiPageIsServed() {
    Response r = server.get(JavalinChatApi.DOCS_PATH, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.text()).contains("/openapi.json");
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  refs.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
