package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a newcomer runs it: a separate process with its own data directory, tokens
 * from its {@code token} command, chat over REST and Socket.IO, SIGTERM, and a restart that keeps
 * everything.
 */
class StandaloneServerIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dataDir;

  @Test
  void chatsSurviveSigtermAndRestartOverRestAndSocketIo() throws Exception {
    String alice = ServerProcess.token(dataDir, "alice");
    String bob = ServerProcess.token(dataDir, "bob");
    String carol = ServerProcess.token(dataDir, "carol");

    JsonNode aliceBobBefore;
    JsonNode aliceCarolBefore;
    String aliceBobChatId;
    try (ServerProcess server = start()) {
      assertThat(server.output()).contains("Development mode");
      Rest aliceRest = new Rest(server.base(), alice);
      Rest carolRest = new Rest(server.base(), carol);

      try (SocketIo bobSocket = SocketIo.connect(server.port(), bob)) {
        aliceBobChatId =
            aliceRest
                .expect(200, "GET", "/api/v1/chat/bob", null)
                .path("chat")
                .path("_id")
                .asText();
        assertThat(aliceBobChatId).isNotBlank();

        JsonNode sent =
            aliceRest
                .expect(
                    201,
                    "POST",
                    "/api/v1/chat/bob/messages",
                    Map.of("text", "Hello Bob, over REST", "clientMessageId", "alice-1"))
                .path("message");
        assertThat(sent.path("seq").asLong()).isEqualTo(1);

        JsonNode received =
            bobSocket.await("message:new", d -> d.path("chatId").asText().equals(aliceBobChatId));
        assertThat(received.path("message").path("text").asText())
            .isEqualTo("Hello Bob, over REST");
        assertThat(received.path("message").path("sender").asText()).isEqualTo("alice");
        assertThat(received.path("message").path("_id").asText())
            .isEqualTo(sent.path("_id").asText());

        JsonNode ack =
            bobSocket.emitWithAck(
                "sendMessage",
                new JSONObject()
                    .put("to", "alice")
                    .put("text", "Hi Alice, over Socket.IO")
                    .put("clientMessageId", "bob-1"));
        assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
        assertThat(ack.path("chatId").asText()).isEqualTo(aliceBobChatId);
        assertThat(ack.path("message").path("seq").asLong()).isEqualTo(2);
        bobSocket.await(
            "message:sent",
            d -> d.path("message").path("clientMessageId").asText().equals("bob-1"));

        // The same clientMessageId again stores nothing new.
        JsonNode again =
            bobSocket.emitWithAck(
                "sendMessage",
                new JSONObject()
                    .put("to", "alice")
                    .put("text", "Hi Alice, over Socket.IO")
                    .put("clientMessageId", "bob-1"));
        assertThat(again.path("message").path("_id").asText())
            .isEqualTo(ack.path("message").path("_id").asText());

        JsonNode seen = aliceRest.expect(200, "POST", "/api/v1/chat/bob/mark-all-seen", Map.of());
        assertThat(seen.path("seenUpTo").asLong()).isEqualTo(2);
        JsonNode seenEvent = bobSocket.await("seen", d -> d.path("from").asText().equals("alice"));
        assertThat(seenEvent.path("seq").asLong()).isEqualTo(2);
      }

      carolRest.expect(200, "GET", "/api/v1/chat/alice", null);
      carolRest.expect(
          201, "POST", "/api/v1/chat/alice/messages", Map.of("text", "Carol here <b>not bold</b>"));
      aliceRest.expect(
          201, "POST", "/api/v1/chat/carol/messages", Map.of("text", "Hi Carol ✓ ünïcode"));

      aliceBobBefore = messages(aliceRest, "bob");
      aliceCarolBefore = messages(aliceRest, "carol");
      assertThat(aliceBobBefore).hasSize(2);
      assertThat(aliceCarolBefore).hasSize(2);

      long before = System.nanoTime();
      assertThat(server.terminate(Duration.ofSeconds(30)))
          .as("exits within 30 s of SIGTERM; output:\n" + server.output())
          .isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - before);
      assertThat(server.output()).contains("shutting down").contains("stopped");
      assertThat(server.output()).doesNotContain("Hello Bob").doesNotContain("Hi Carol");
      System.out.println("SIGTERM to exit: " + took.toMillis() + " ms");
    }

    try (ServerProcess again = start()) {
      // The secret is kept in the data directory: tokens minted before the restart still work.
      Rest aliceRest = new Rest(again.base(), alice);
      Rest bobRest = new Rest(again.base(), bob);
      JsonNode chats = aliceRest.expect(200, "GET", "/api/v1/chat", null).path("chats");
      List<String> partners = new ArrayList<>();
      chats.forEach(
          chat ->
              chat.path("participants")
                  .forEach(
                      p -> {
                        if (!p.path("_id").asText().equals("alice")) {
                          partners.add(p.path("_id").asText());
                        }
                      }));
      assertThat(partners).containsExactly("carol", "bob");
      assertThat(messages(aliceRest, "bob")).isEqualTo(aliceBobBefore);
      assertThat(messages(aliceRest, "carol")).isEqualTo(aliceCarolBefore);

      JsonNode bobView = bobRest.expect(200, "GET", "/api/v1/chat/alice", null).path("chat");
      assertThat(bobView.path("_id").asText()).isEqualTo(aliceBobChatId);
      JsonNode bobMessages = messages(bobRest, "alice");
      assertThat(bobMessages.get(1).path("seen").asBoolean())
          .as("bob's message stays read by alice")
          .isTrue();

      // And the restarted server keeps chatting, numbering on from where it was.
      try (SocketIo aliceSocket = SocketIo.connect(again.port(), alice)) {
        JsonNode after =
            bobRest
                .expect(201, "POST", "/api/v1/chat/alice/messages", Map.of("text", "Still here"))
                .path("message");
        assertThat(after.path("seq").asLong()).isEqualTo(3);
        aliceSocket.await(
            "message:new", d -> d.path("message").path("text").asText().equals("Still here"));
      }
      assertThat(again.terminate(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void editsReactionsAndDeletionsSurviveARestartAndTheChangesFeedTellsThem() throws Exception {
    String alice = ServerProcess.token(dataDir, "alice");
    String bob = ServerProcess.token(dataDir, "bob");
    String thumbsUp = "/reactions/%F0%9F%91%8D";

    String chat;
    String meet;
    String snacks;
    JsonNode historyBefore;
    JsonNode changesBefore;
    try (ServerProcess server = start()) {
      Rest aliceRest = new Rest(server.base(), alice);
      Rest bobRest = new Rest(server.base(), bob);
      chat =
          aliceRest.expect(200, "GET", "/api/v1/chat/bob", null).path("chat").path("_id").asText();
      String messages = "/api/v1/chats/" + chat + "/messages";
      meet =
          aliceRest
              .expect(201, "POST", messages, Map.of("text", "Meet at 5"))
              .path("message")
              .path("_id")
              .asText();
      snacks =
          aliceRest
              .expect(201, "POST", messages, Map.of("text", "Bring snacks"))
              .path("message")
              .path("_id")
              .asText();

      JsonNode edited =
          aliceRest.expect(200, "PATCH", messages + "/" + meet, Map.of("text", "Meet at 6"));
      JsonNode reacted = bobRest.expect(200, "PUT", messages + "/" + meet + thumbsUp, null);
      JsonNode deleted =
          aliceRest.expect(200, "DELETE", messages + "/" + snacks + "?for=everyone", null);

      assertThat(edited.path("message").path("change").asLong()).isEqualTo(1);
      assertThat(reacted.path("message").path("change").asLong()).isEqualTo(2);
      assertThat(deleted.path("message").path("deleted").asBoolean()).isTrue();

      historyBefore = bobRest.expect(200, "GET", messages, null);
      changesBefore =
          bobRest.expect(200, "GET", "/api/v1/chats/" + chat + "/changes?since=0", null);
      assertThat(server.terminate(Duration.ofSeconds(30))).isTrue();
      assertThat(server.output()).doesNotContain("Bring snacks").doesNotContain("Meet at");
    }

    try (ServerProcess again = start()) {
      Rest aliceRest = new Rest(again.base(), alice);
      Rest bobRest = new Rest(again.base(), bob);
      String messages = "/api/v1/chats/" + chat + "/messages";

      JsonNode history = bobRest.expect(200, "GET", messages, null);
      JsonNode changes =
          bobRest.expect(200, "GET", "/api/v1/chats/" + chat + "/changes?since=0", null);

      assertThat(lifecycles(history)).isEqualTo(lifecycles(historyBefore));
      assertThat(lifecycles(changes)).isEqualTo(lifecycles(changesBefore));
      assertThat(history.path("lastChange").asLong()).isEqualTo(3);
      JsonNode shown = history.path("messages");
      assertThat(shown).hasSize(2);
      assertThat(shown.get(0).path("_id").asText()).isEqualTo(meet);
      assertThat(shown.get(0).path("text").asText()).isEqualTo("Meet at 6");
      assertThat(shown.get(0).path("edited").asBoolean()).isTrue();
      assertThat(shown.get(0).path("reactions").toString())
          .isEqualTo("[{\"emoji\":\"\uD83D\uDC4D\",\"count\":1,\"mine\":true}]");
      assertThat(shown.get(1).path("_id").asText()).isEqualTo(snacks);
      assertThat(shown.get(1).path("deleted").asBoolean()).isTrue();
      assertThat(shown.get(1).path("text").asText()).isEmpty();
      assertThat(changes.path("upTo").asLong()).isEqualTo(3);
      assertThat(changes.path("hasMore").asBoolean()).isFalse();
      List<String> revised = new ArrayList<>();
      changes.path("messages").forEach(m -> revised.add(m.path("_id").asText()));
      assertThat(revised).containsExactly(meet, snacks);

      // The change numbers go on from where they were.
      JsonNode more = aliceRest.expect(200, "PUT", messages + "/" + meet + thumbsUp, null);
      assertThat(more.path("message").path("change").asLong()).isEqualTo(4);
      assertThat(more.path("message").path("reactions").get(0).path("count").asLong()).isEqualTo(2);
      JsonNode caughtUp =
          bobRest.expect(200, "GET", "/api/v1/chats/" + chat + "/changes?since=3", null);
      assertThat(caughtUp.path("messages")).hasSize(1);
      assertThat(caughtUp.path("upTo").asLong()).isEqualTo(4);
      assertThat(again.terminate(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void metricsShowTheJvmsHeapAndTheProcesssResidentMemory() throws Exception {
    try (ServerProcess server = start()) {
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.base() + "/metrics"))
                      .timeout(WAIT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("jvm_memory_used_bytes{area=\"heap\"")
          .contains("jvm_gc_")
          .contains("jvm_threads_live_threads")
          .contains("process_uptime_seconds")
          .contains("chat_http_in_flight")
          .contains("chat_http_shed_total");
      // The embedded store's group commit: development mode's demo data was written at start.
      double commits = metric(metrics.body(), "chat_store_commits_total");
      assertThat(commits).isGreaterThan(0);
      assertThat(metric(metrics.body(), "chat_store_committed_writes_total"))
          .isGreaterThanOrEqualTo(commits);
      if (Files.isReadable(Path.of("/proc/self/status"))) {
        Matcher rss =
            Pattern.compile("(?m)^process_resident_memory_bytes (\\S+)$").matcher(metrics.body());
        assertThat(rss.find()).as(metrics.body()).isTrue();
        assertThat(Double.parseDouble(rss.group(1))).isGreaterThan(1024 * 1024);
      }
      assertThat(server.terminate(Duration.ofSeconds(30))).isTrue();
    }
  }

  private static double metric(String scrape, String name) {
    Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(scrape);
    assertThat(value.find()).as(scrape).isTrue();
    return Double.parseDouble(value.group(1));
  }

  @Test
  void theBrowserClientsFilesAreServedWithTheirTypesAndAnswer304WhenUnchanged() throws Exception {
    try (ServerProcess server = start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page = get(http, server.base() + "/", Map.of());
      HttpResponse<String> script = get(http, server.base() + "/js/app.js", Map.of());
      String etag = script.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> again =
          get(http, server.base() + "/js/app.js", Map.of("If-None-Match", etag));
      HttpResponse<String> missing = get(http, server.base() + "/js/missing.js", Map.of());
      HttpResponse<String> outside = get(http, server.base() + "/js/..%2fapp.css", Map.of());

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\">");
      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/javascript");
      assertThat(script.body()).contains("import { createSocket } from './socket.js';");
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("\"code\":\"NOT_FOUND\"");
      assertThat(outside.statusCode()).isEqualTo(404);
      assertThat(server.terminate(Duration.ofSeconds(30))).isTrue();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT);
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBadSettingStopsTheStartWithStatusTwoAndSaysWhich() {
    ServerProcess.Finished done =
        ServerProcess.run(
            Map.of("CHAT_SEND_BURST", "lots"), "--port", "99999", "--data-dir", dataDir.toString());
    assertThat(done.status()).as(done.output()).isEqualTo(2);
    assertThat(done.output())
        .contains("chat-server cannot start")
        .contains("port")
        .contains("CHAT_SEND_BURST")
        .doesNotContain("listening")
        .doesNotContain("Exception");
  }

  @Test
  void theTokenCommandRefusesWhenJwtVerificationIsConfigured() {
    ServerProcess.Finished done =
        ServerProcess.run(
            Map.of("CHAT_JWT_SECRET", "0123456789abcdef0123456789abcdef0123456789"),
            "token",
            "alice",
            "--data-dir",
            dataDir.toString());
    assertThat(done.status()).isEqualTo(2);
    assertThat(done.output()).contains("JWT verification is configured").doesNotContain("eyJ");
    assertThat(dataDir.resolve(DevMode.SECRET_FILE)).doesNotExist();
  }

  private ServerProcess start() {
    return ServerProcess.start(
        Map.of(), "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString());
  }

  /** Each message of a page with what its lifecycle shows, and how far the page reaches. */
  private static List<String> lifecycles(JsonNode page) {
    List<String> shown = new ArrayList<>();
    page.path("messages")
        .forEach(
            m ->
                shown.add(
                    String.join(
                        " ",
                        m.path("_id").asText(),
                        m.path("seq").asText(),
                        m.path("text").asText(),
                        m.path("change").asText(),
                        m.path("editedAt").asText(),
                        m.path("deleted").asText(),
                        m.path("reactions").toString())));
    shown.add("lastChange " + page.path("lastChange").asText());
    shown.add("upTo " + page.path("upTo").asText());
    return shown;
  }

  private static JsonNode messages(Rest rest, String other) {
    JsonNode data = rest.expect(200, "GET", "/api/v1/chat/" + other + "/messages?limit=200", null);
    assertThat(data.path("hasMore").asBoolean()).isFalse();
    return data.path("messages");
  }

  /** The Java Socket.IO client on {@code /app}, keeping every event it receives. */
  static final class SocketIo implements AutoCloseable {
    private final Socket socket;
    private final LinkedBlockingQueue<Object[]> events = new LinkedBlockingQueue<>();
    private final List<Object[]> skipped = new ArrayList<>();

    private SocketIo(Socket socket) {
      this.socket = socket;
    }

    static SocketIo connect(int port, String token) throws Exception {
      IO.Options options = new IO.Options();
      options.forceNew = true;
      options.reconnection = false;
      options.transports = new String[] {WebSocket.NAME};
      options.auth = Map.of("token", token);
      Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port + "/app"), options);
      SocketIo client = new SocketIo(socket);
      CompletableFuture<Object> connected = new CompletableFuture<>();
      socket.onAnyIncoming(client.events::add);
      socket.on(Socket.EVENT_CONNECT, args -> connected.complete("connected"));
      socket.on(
          Socket.EVENT_CONNECT_ERROR,
          args -> connected.completeExceptionally(new AssertionError("refused: " + args[0])));
      socket.connect();
      connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      client.await("presence:snapshot", d -> true);
      return client;
    }

    /** The first event of that name whose data matches, waiting for it. */
    JsonNode await(String event, Predicate<JsonNode> matching) throws InterruptedException {
      for (Object[] e : skipped) {
        if (matches(e, event, matching)) {
          skipped.remove(e);
          return data(e);
        }
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        Object[] e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError("no " + event + " within " + WAIT + "; saw " + seen());
        }
        if (matches(e, event, matching)) {
          return data(e);
        }
        skipped.add(e);
      }
    }

    JsonNode emitWithAck(String event, JSONObject data) throws Exception {
      CompletableFuture<JsonNode> answer = new CompletableFuture<>();
      socket.emit(
          event,
          new Object[] {data},
          reply -> answer.complete(Rest.parse(reply.length > 0 ? reply[0].toString() : "null")));
      return answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * The events of that name that arrived and were passed over by {@link #await} so far: after
     * awaiting a later event, those that came before it.
     */
    List<JsonNode> skippedNamed(String event) {
      return skipped.stream().filter(e -> matches(e, event, d -> true)).map(e -> data(e)).toList();
    }

    private static boolean matches(Object[] e, String event, Predicate<JsonNode> matching) {
      return e.length > 0 && event.equals(e[0]) && matching.test(data(e));
    }

    private static JsonNode data(Object[] e) {
      return Rest.parse(e.length > 1 && e[1] != null ? e[1].toString() : "null");
    }

    private List<String> seen() {
      List<String> names = new ArrayList<>();
      skipped.forEach(e -> names.add(e[0] + " " + (e.length > 1 ? e[1] : "")));
      return names;
    }

    @Override
    public void close() {
      socket.disconnect();
      socket.close();
    }
  }
}
