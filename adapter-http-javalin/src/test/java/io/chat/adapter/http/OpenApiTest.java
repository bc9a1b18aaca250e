package io.chat.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.wire.ErrorTable;
import io.chat.domain.shared.ErrorCode;
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

    assertThat(registered).hasSizeGreaterThanOrEqualTo(34);
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
  void theErrorSchemaListsEveryCodeTheServerAnswersWith() {
    JsonNode doc = server.get("/openapi.json", null).json();

    Set<String> listed = new HashSet<>();
    doc.at("/components/schemas/Error/properties/error/properties/code/enum")
        .forEach(code -> listed.add(code.asText()));

    Set<String> answered = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      answered.add(code.name());
    }
    answered.add(ErrorTable.METHOD_NOT_ALLOWED);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(answered);
  }

  @Test
  void theMessageLifecycleRoutesAreDocumentedWithTheirBodiesParametersAndAnswers() {
    JsonNode paths = server.get("/openapi.json", null).json().path("paths");
    String message = "/api/v1/chats/{chatId}/messages/{messageId}";

    assertThat(requestSchema(paths.path(message).path("patch"))).endsWith("/EditMessageRequest");
    assertThat(dataSchema(paths.path(message).path("patch"), "200")).endsWith("/MessageResult");
    assertThat(parameters(paths.path(message).path("delete"))).contains("for");
    assertThat(parameters(paths.path(message + "/reactions/{emoji}").path("put")))
        .contains("chatId", "messageId", "emoji");
    assertThat(paths.path(message + "/reactions/{emoji}").has("delete")).isTrue();
    assertThat(paths.path(message + "/pin").has("put")).isTrue();
    assertThat(paths.path(message + "/pin").has("delete")).isTrue();
    assertThat(dataSchema(paths.path("/api/v1/chats/{chatId}/pins").path("get"), "200"))
        .endsWith("/PinnedList");
    assertThat(dataSchema(paths.path("/api/v1/chats/{chatId}/changes").path("get"), "200"))
        .endsWith("/Changes");
    assertThat(parameters(paths.path("/api/v1/chats/{chatId}/changes").path("get")))
        .contains("since", "limit");
    assertThat(requestSchema(paths.path(message + "/forward").path("post")))
        .endsWith("/ForwardRequest");
    assertThat(dataSchema(paths.path(message + "/forward").path("post"), "201"))
        .endsWith("/MessageResult");
  }

  @Test
  void theMessageSchemaNamesItsLifecycle() {
    JsonNode schemas = server.get("/openapi.json", null).json().at("/components/schemas");

    JsonNode message = schemas.path("Message");
    Set<String> required = new HashSet<>();
    message.path("required").forEach(r -> required.add(r.asText()));
    assertThat(required).contains("change", "reactions");
    Set<String> properties = new HashSet<>();
    message.path("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(properties)
        .contains(
            "change",
            "edited",
            "editedAt",
            "deleted",
            "hidden",
            "replyTo",
            "forwarded",
            "reactions",
            "pinned");
    assertThat(schemas.path("History").path("properties").has("lastChange")).isTrue();
    assertThat(schemas.path("SendChatMessageRequest").path("properties").has("replyTo")).isTrue();
  }

  @Test
  void theReceiptAndArchiveRoutesAndFieldsAreDocumented() {
    JsonNode doc = server.get("/openapi.json", null).json();
    JsonNode paths = doc.path("paths");
    JsonNode schemas = doc.at("/components/schemas");
    String chat = "/api/v1/chats/{chatId}";

    assertThat(requestSchema(paths.path(chat + "/delivered").path("post")))
        .endsWith("/DeliveredRequest");
    assertThat(dataSchema(paths.path(chat + "/delivered").path("post"), "200"))
        .endsWith("/DeliveredUpTo");
    assertThat(dataSchema(paths.path(chat + "/archive").path("put"), "200"))
        .endsWith("/ChatResult");
    assertThat(dataSchema(paths.path(chat + "/archive").path("delete"), "200"))
        .endsWith("/ChatResult");
    assertThat(parameters(paths.path("/api/v1/chats").path("get"))).contains("archived", "type");
    assertThat(schemas.at("/DeliveredRequest/required").toString()).isEqualTo("[\"seq\"]");
    assertThat(schemas.at("/DeliveredUpTo/properties").has("deliveredSeq")).isTrue();
    Set<String> message = new HashSet<>();
    schemas.at("/Message/required").forEach(r -> message.add(r.asText()));
    assertThat(message).contains("seen", "delivered");
    Set<String> chatFields = new HashSet<>();
    schemas.at("/Chat/required").forEach(r -> chatFields.add(r.asText()));
    assertThat(chatFields).contains("archived", "lastChange");
  }

  @Test
  void theConfigRouteIsDocumentedAsAProtectedReadOfTheLimits() {
    JsonNode doc = server.get("/openapi.json", null).json();
    JsonNode config = doc.at("/paths/~1api~1v1~1config/get");

    assertThat(config.has("security")).isTrue();
    assertThat(config.path("responses").has("401")).isTrue();
    assertThat(dataSchema(config, "200")).endsWith("/ClientConfig");
    Set<String> required = new HashSet<>();
    doc.at("/components/schemas/ClientConfig/required").forEach(r -> required.add(r.asText()));
    assertThat(required)
        .containsExactlyInAnyOrder(
            "maxTextLength",
            "editWindowSeconds",
            "deleteWindowSeconds",
            "maxPins",
            "maxReactions",
            "reactions",
            "group");
  }

  private static String requestSchema(JsonNode operation) {
    return operation.at("/requestBody/content/application~1json/schema/$ref").asText();
  }

  private static String dataSchema(JsonNode operation, String status) {
    return operation
        .path("responses")
        .path(status)
        .at("/content/application~1json/schema/properties/data/$ref")
        .asText();
  }

  private static Set<String> parameters(JsonNode operation) {
    Set<String> names = new HashSet<>();
    operation.path("parameters").forEach(p -> names.add(p.path("name").asText()));
    return names;
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
