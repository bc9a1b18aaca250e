package io.chat.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that could be read two ways, over a raw socket (the JDK client refuses to send most of
 * them): a broken percent-escape in a path or query, a repeated query parameter, two credentials.
 * Each is refused with the envelope and a stable code, changes nothing, and the server goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmbiguousRequestsTest {
  private final TestServer server = new TestServer();
  private final User alice = server.user("Alice");
  private final User bob = server.user("Bob");

  @AfterAll
  void stop() {
    server.close();
  }

  static Stream<Arguments> ambiguous() {
    return Stream.of(
        // Every route with an id in its path, with a %u escape that Javalin's decoder throws on.
        Arguments.of("GET", "/api/v1/chat/%u0041"),
        Arguments.of("GET", "/api/v1/chat/%u0041/messages"),
        Arguments.of("POST", "/api/v1/chat/%u0041/messages"),
        Arguments.of("POST", "/api/v1/chat/%u0041/mark-all-seen"),
        Arguments.of("POST", "/api/v1/chat/{bob}/messages/%u0041/seen"),
        Arguments.of("DELETE", "/api/v1/chat/%u0041/messages"),
        Arguments.of("POST", "/api/v1/chat/%u0041/mute"),
        Arguments.of("GET", "/api/v1/chat/%u0041/mute-status"),
        Arguments.of("POST", "/api/v1/users/%u0041/block"),
        Arguments.of("DELETE", "/api/v1/users/%u0041/block"),
        Arguments.of("GET", "/api/v1/admin/support/chats/%u0041"),
        Arguments.of("POST", "/api/v1/admin/support/chats/%u0041/messages"),
        Arguments.of("PATCH", "/api/v1/admin/support/chats/%u0041"),
        Arguments.of("POST", "/api/v1/admin/support/chats/%u0041/mark-read"),
        Arguments.of("PUT", "/api/v1/admin/users/%u0041"),
        // A percent-escape cut short, and one that decodes to bytes that are not UTF-8.
        Arguments.of("GET", "/api/v1/chat/{bob}%2/messages"),
        Arguments.of("GET", "/api/v1/chat/%C3%28/messages"),
        // The same in a query value and a query name.
        Arguments.of("GET", "/api/v1/chat/{bob}/messages?limit=%zz"),
        Arguments.of("GET", "/api/v1/chat/{bob}/messages?limit=1%"),
        Arguments.of("GET", "/api/v1/chat?cursor=%FF"),
        Arguments.of("GET", "/api/v1/chat?li%zzmit=5"),
        // A parameter given twice, with the same or another value.
        Arguments.of("GET", "/api/v1/chat/{bob}/messages?limit=5&limit=6"),
        Arguments.of("GET", "/api/v1/chat/{bob}/messages?after=1&after=1"),
        Arguments.of("GET", "/api/v1/chat?limit=5&li%6Dit=6"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("ambiguous")
  void anAmbiguousPathOrQueryIs400InTheEnvelopeAndChangesNothing(String method, String path) {
    assertThat(server.get(TestServer.chat(bob), alice).status()).isEqualTo(200);
    int deliveriesBefore = server.events.deliveries().size();

    Response r =
        raw(method, path.replace("{bob}", bob.id()), "Authorization: Bearer " + alice.token());

    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
    assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    assertThat(server.get("/api/v1/chat", alice).data().path("chats")).isEmpty();
    assertThat(server.events.deliveries()).hasSize(deliveriesBefore);
    assertThat(server.get("/health", null).status()).isEqualTo(200);
  }

  @Test
  void twoAuthorizationHeadersAre401EvenWhenBothAreGood() {
    Response r =
        raw(
            "GET",
            "/api/v1/chat",
            "Authorization: Bearer " + alice.token() + "\r\nAuthorization: Bearer " + bob.token());

    assertThat(r.status()).as(r.text()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void wellFormedEscapesAndDistinctParametersStillWork() {
    Response r =
        server.send(
            "GET",
            "/api/v1/chat/" + bob.id() + "/messages?li%6Dit=5&after=0",
            "Bearer " + alice.token(),
            null,
            Map.of());

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.data().path("messages").isArray()).isTrue();
    assertThat(StrictRequests.decode("caf%C3%A9+au+lait", true, "q")).isEqualTo("café au lait");
    assertThat(StrictRequests.decode("a+b", false, "p")).isEqualTo("a+b");
  }

  private Response raw(String method, String path, String headers) {
    String body = method.equals("GET") || method.equals("DELETE") ? "" : "{}";
    return TestServer.raw(
        server.app.port(),
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + headers
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body);
  }
}
