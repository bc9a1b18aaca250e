package io.chat.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.javalin.Javalin;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests that Jetty refuses before Javalin routes them, sent over a raw socket (the JDK client
 * cannot send them): each gets the envelope with a stable code and Jetty's status, echoes nothing
 * of the request, and the server goes on serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyRefusalsTest {
  /** Appears in each refused request; must never come back in an answer. */
  private static final String MARKER = "reflected-marker";

  private final TestServer server = new TestServer();

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void malformedRequestLineIs400InTheEnvelope() {
    Response r =
        raw(server.app.port(), "GET /health?" + MARKER + " HTTP/1.1 extra\r\nHost: x\r\n\r\n");

    assertRefused(r, 400, "INVALID_ARGUMENT");
    assertThat(r.header("Connection")).as("the connection ends, and says so").isEqualTo("close");
    assertStillServing();
  }

  @Test
  void headerBlockOverJettysLimitIs431InTheEnvelope() {
    // Jetty's default limit for the request line and headers together is 8 KiB.
    String big = MARKER + "a".repeat(10_000);
    Response r =
        raw(server.app.port(), "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");

    assertRefused(r, 431, "INVALID_ARGUMENT");
    assertThat(r.header("Connection")).as("the connection ends, and says so").isEqualTo("close");
    assertStillServing();
  }

  @Test
  void overLongUriIs414InTheEnvelope() {
    String uri = "/health?" + MARKER + "=" + "a".repeat(10_000);
    Response r = raw(server.app.port(), "GET " + uri + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertRefused(r, 414, "INVALID_ARGUMENT");
    assertThat(r.header("Connection")).as("the connection ends, and says so").isEqualTo("close");
    assertStillServing();
  }

  @Test
  void unknownHttpVersionIs505InTheEnvelope() {
    Response r = raw(server.app.port(), "GET /health?" + MARKER + " HTTP/9.9\r\nHost: x\r\n\r\n");

    assertRefused(r, 505, "INVALID_ARGUMENT");
    assertThat(r.header("Connection")).as("the connection ends, and says so").isEqualTo("close");
    assertStillServing();
  }

  @Test
  void illegalCharacterInAHeaderIs400InTheEnvelope() {
    Response r =
        raw(
            server.app.port(),
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: " + MARKER + "\u0001\r\n\r\n");

    assertRefused(r, 400, "INVALID_ARGUMENT");
    assertThat(r.header("Connection")).as("the connection ends, and says so").isEqualTo("close");
    assertStillServing();
  }

  @Test
  void badHostHeaderIs400InTheEnvelope() {
    Response r = raw(server.app.port(), "GET /health HTTP/1.1\r\nHost: [" + MARKER + "\r\n\r\n");

    assertRefused(r, 400, "INVALID_ARGUMENT");
    assertStillServing();
  }

  @Test
  void badPercentEncodingIs400WithoutTheUri() {
    // Jetty's own page for this one quotes the whole URI back.
    Response r =
        raw(server.app.port(), "GET /health%ff/" + MARKER + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertRefused(r, 400, "INVALID_ARGUMENT");
    assertThat(r.header("Connection")).as("the connection ends, and says so").isEqualTo("close");
    assertStillServing();
  }

  @Test
  void aBrokenChunkedBodyIs400InTheEnvelope() {
    Response r =
        raw(
            server.app.port(),
            "POST /api/v1/chat/0123456789abcdef01234567/messages HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n"
                + MARKER
                + "\r\n0\r\n\r\n");

    assertRefused(r, 400, "INVALID_ARGUMENT");
    assertStillServing();
  }

  @Test
  void aBodyCutShortOfItsContentLengthIs400InTheEnvelope() {
    Response r =
        raw(
            server.app.port(),
            "POST /api/v1/chat/0123456789abcdef01234567/messages HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                + "{\"text\": \""
                + MARKER);

    assertRefused(r, 400, "INVALID_ARGUMENT");
    assertStillServing();
  }

  @Test
  void headRefusalHasTheEnvelopesHeadersAndNoBody() {
    Response r =
        raw(server.app.port(), "HEAD /health HTTP/1.1\r\nHost: x\r\nX-Bad: \u0001\r\n\r\n");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
    assertThat(r.text()).isEmpty();
    assertStillServing();
  }

  @Test
  void failureInsideJettyIs500InternalWithoutDetails() {
    Javalin app =
        Javalin.create(
                config -> {
                  server.api.install(config);
                  config.jetty.modifyServer(
                      s ->
                          s.insertHandler(
                              new Handler.Wrapper() {
                                @Override
                                public boolean handle(
                                    Request request,
                                    org.eclipse.jetty.server.Response response,
                                    Callback callback)
                                    throws Exception {
                                  if (Request.getPathInContext(request).equals("/explode")) {
                                    throw new IllegalStateException("secret " + MARKER);
                                  }
                                  return super.handle(request, response, callback);
                                }
                              }));
                })
            .start("127.0.0.1", 0);
    try {
      Response r = raw(app.port(), "GET /explode HTTP/1.1\r\nHost: x\r\n\r\n");

      assertRefused(r, 500, "INTERNAL");
      assertThat(r.json().path("message").asText()).isEqualTo("Internal error");
      assertThat(raw(app.port(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n").status())
          .isEqualTo(200);
    } finally {
      app.stop();
    }
  }

  private static void assertRefused(Response r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.text()).isEqualTo("application/json;charset=utf-8");
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.json().path("message").asText())
        .isNotBlank()
        .isEqualTo(r.json().path("error").path("message").asText());
    assertThat(r.text()).doesNotContain(MARKER);
    assertThat(r.headers().toString()).doesNotContain(MARKER);
  }

  /** A normal request on a new connection still succeeds. */
  private void assertStillServing() {
    Response health = server.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("success").asBoolean()).isTrue();
  }

  private static Response raw(int port, String request) {
    return TestServer.raw(port, request);
  }
}
