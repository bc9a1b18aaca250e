package io.chat.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chat.adapter.inmemory.InMemoryBlockList;
import io.chat.adapter.inmemory.InMemoryChatRepository;
import io.chat.adapter.inmemory.InMemoryMessageRepository;
import io.chat.adapter.inmemory.InMemoryMuteSettings;
import io.chat.adapter.inmemory.InMemoryPushTokens;
import io.chat.adapter.inmemory.InMemoryReactionRepository;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import io.chat.adapter.inmemory.InMemoryUserDirectory;
import io.chat.adapter.inmemory.RecordingChatEvents;
import io.chat.adapter.inmemory.RecordingPushNotifier;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.adapter.jwt.JwtConfig;
import io.chat.adapter.jwt.NimbusAccessTokens;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.PushTokens;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.UserDirectory;
import io.chat.application.service.ChatPorts;
import io.chat.application.service.ChatServices;
import io.chat.application.service.ChatSettings;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The REST API on a real Javalin server on a random port, over given storage ports (the in-memory
 * ones unless told), with real HS256 tokens, and a real HTTP client to call it.
 */
final class TestServer implements AutoCloseable {
  static final String SECRET = "http-tests-secret-that-is-long-enough-for-hs256";
  static final String AUDIENCE = "chat";
  static final ObjectMapper JSON = new ObjectMapper();

  final Storage storage;
  final PushTokens pushTokens;
  final RecordingChatEvents events = new RecordingChatEvents();
  final RecordingPushNotifier push = new RecordingPushNotifier();
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final ChatSettings settings;

  /** The core's clock: the system's, which a test moves on to close a window. */
  final ShiftedClock clock = new ShiftedClock();

  final Javalin app;
  final JavalinChatApi api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  /** The storage ports a server runs on: the in-memory ones, or another adapter's. */
  record Storage(
      ChatRepository chats,
      MembershipRepository memberships,
      MessageRepository messages,
      ReactionRepository reactions,
      BlockList blocks,
      MuteSettings mutes,
      UserDirectory users,
      PushTokens pushTokens,
      IdGenerator ids,
      StoreHealth health) {

    /** Fresh in-memory ports, all down or up with {@code health}. */
    static Storage inMemory(InMemoryStoreHealth health) {
      InMemoryChatRepository chats = new InMemoryChatRepository(health);
      return new Storage(
          chats,
          chats.memberships(),
          new InMemoryMessageRepository(health),
          new InMemoryReactionRepository(health),
          new InMemoryBlockList(health),
          new InMemoryMuteSettings(health),
          new InMemoryUserDirectory(health),
          new InMemoryPushTokens(health),
          new ObjectIdGenerator(Clock.systemUTC()),
          health);
    }

    /** The same ports with another message store (one that holds inserts, say). */
    Storage withMessages(MessageRepository other) {
      return new Storage(
          chats, memberships, other, reactions, blocks, mutes, users, pushTokens, ids, health);
    }
  }

  TestServer() {
    this(Storage.inMemory(new InMemoryStoreHealth()));
  }

  TestServer(Storage storage) {
    this(storage, useCases -> useCases, 1000);
  }

  TestServer(UnaryOperator<ChatUseCases> adjust, int sendBurst) {
    this(Storage.inMemory(new InMemoryStoreHealth()), adjust, sendBurst);
  }

  /** A server on {@code storage} whose use cases pass through {@code adjust}, with a send burst. */
  TestServer(Storage storage, UnaryOperator<ChatUseCases> adjust, int sendBurst) {
    this(storage, adjust, sendBurst, config -> config);
  }

  /** As above, with the API's settings passed through {@code configure}. */
  TestServer(
      Storage storage,
      UnaryOperator<ChatUseCases> adjust,
      int sendBurst,
      UnaryOperator<HttpApiConfig> configure) {
    this(storage, adjust, sendBurst, configure, ChatSettings.defaults());
  }

  /** A server on in-memory ports whose core has {@code settings}. */
  TestServer(ChatSettings settings) {
    this(Storage.inMemory(new InMemoryStoreHealth()), u -> u, 1000, config -> config, settings);
  }

  /** As above, with the core's settings. */
  TestServer(
      Storage storage,
      UnaryOperator<ChatUseCases> adjust,
      int sendBurst,
      UnaryOperator<HttpApiConfig> configure,
      ChatSettings settings) {
    this.storage = storage;
    this.pushTokens = storage.pushTokens();
    this.settings = settings;
    ChatPorts ports =
        new ChatPorts(
            storage.chats(),
            storage.memberships(),
            storage.messages(),
            storage.reactions(),
            storage.blocks(),
            storage.mutes(),
            storage.users(),
            storage.pushTokens(),
            events,
            push,
            new InProcessPresence(),
            new InProcessSendRateLimit(sendBurst, 0.01, clock),
            storage.ids(),
            NimbusAccessTokens.create(
                JwtConfig.sharedSecret(SECRET).withAudiences(java.util.Set.of(AUDIENCE))),
            storage.health(),
            clock);
    ChatServices services = ChatServices.create(ports, settings);
    api =
        new JavalinChatApi(
            adjust.apply(useCases(services)),
            configure.apply(
                HttpApiConfig.defaults()
                    .withMetrics(registry)
                    .withCorsOrigins(List.of("https://app.example.test"))));
    app = Javalin.create(api::install).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  /** Every use case the API serves, picked out of the core as the composition root does. */
  static ChatUseCases useCases(ChatServices s) {
    return new ChatUseCases(
        s.authenticate(),
        s.listChats(),
        s.openChat(),
        s.readHistory(),
        s.sendMessage(),
        s.markAllSeen(),
        s.markSeen(),
        s.clearHistory(),
        s.toggleMute(),
        s.muteStatus(),
        s.blockUser(),
        s.unblockUser(),
        s.listBlocked(),
        s.registerPushToken(),
        s.removePushToken(),
        s.listSupportChats(),
        s.readSupportChat(),
        s.openSupportChat(),
        s.replyToSupportChat(),
        s.updateSupportChat(),
        s.markSupportChatRead(),
        s.registerUser(),
        s.readiness(),
        s.chats(),
        s.groups(),
        s.lifecycle(),
        s.search(),
        s.clientRules());
  }

  @Override
  public void close() {
    app.stop();
  }

  // ---- identities

  /** A user with a fresh 24-hex id and a valid token. */
  record User(String id, String token) {}

  static String newId() {
    byte[] bytes = new byte[12];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static JWTClaimsSet.Builder claims(String userId) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(userId)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  static String sign(JWTClaimsSet claims) {
    return sign(SECRET, claims);
  }

  static String sign(String secret, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** A user known to the directory (they authenticated once), with a name. */
  User user(String name) {
    String id = newId();
    User user = new User(id, sign(claims(id).claim("name", name).build()));
    Response first = get("/api/v1/chat", user);
    if (first.status() != 200) {
      throw new IllegalStateException("cannot register a test user: " + first);
    }
    return user;
  }

  User admin() {
    String id = newId();
    User admin =
        new User(id, sign(claims(id).claim("role", "admin").claim("name", "Staff").build()));
    get("/api/v1/chat", admin);
    return admin;
  }

  // ---- calls

  /** An answer: status, headers and the body parsed as JSON when it is JSON. */
  record Response(int status, Map<String, List<String>> headers, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    JsonNode data() {
      return json().path("data");
    }

    String code() {
      return json().path("error").path("code").asText();
    }

    /** Checks that this is a refusal with this status and code, in the error envelope. */
    void assertRefused(int status, String code) {
      assertThat(status()).as(text()).isEqualTo(status);
      assertThat(json().path("success").asBoolean()).isFalse();
      assertThat(code()).isEqualTo(code);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  /** The id of the chat of two between {@code me} and {@code other} (opened if need be). */
  String chatWith(User me, User other) {
    Response r = get("/api/v1/chat/" + other.id(), me);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.data().path("chat").path("_id").asText();
  }

  /** Sends {@code text} into a chat by its id and answers the stored message. */
  JsonNode sendInto(User from, String chat, String text) {
    Response r = post("/api/v1/chats/" + chat + "/messages", from, text(text));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.data().path("message");
  }

  Response get(String path, User user) {
    return send("GET", path, user == null ? null : "Bearer " + user.token(), null);
  }

  Response post(String path, User user, String body) {
    return send("POST", path, user == null ? null : "Bearer " + user.token(), body);
  }

  Response put(String path, User user, String body) {
    return send("PUT", path, user == null ? null : "Bearer " + user.token(), body);
  }

  Response patch(String path, User user, String body) {
    return send("PATCH", path, user == null ? null : "Bearer " + user.token(), body);
  }

  Response delete(String path, User user) {
    return send("DELETE", path, user == null ? null : "Bearer " + user.token(), null);
  }

  Response delete(String path, User user, String body) {
    return send("DELETE", path, user == null ? null : "Bearer " + user.token(), body);
  }

  Response send(String method, String path, String authorization, String body) {
    return send(method, path, authorization, body, Map.of());
  }

  Response send(
      String method, String path, String authorization, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  Response sendBytes(String method, String path, User user, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + user.token())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** A POST whose answer comes later, for requests that stay in flight. */
  /** A GET whose answer comes later. */
  CompletableFuture<Response> getAsync(String path, User user) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + user.token())
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(r -> new Response(r.statusCode(), r.headers().map(), r.body()));
  }

  CompletableFuture<Response> postAsync(String path, User user, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + user.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(r -> new Response(r.statusCode(), r.headers().map(), r.body()));
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- shortcuts

  static String chat(User other) {
    return "/api/v1/chat/" + other.id();
  }

  static String text(String text) {
    return "{\"text\":" + quote(text) + "}";
  }

  static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code text} from {@code from} to {@code to}; answers the stored message. */
  JsonNode sendText(User from, User to, String text) {
    Response r = post(chat(to) + "/messages", from, text(text));
    if (r.status() != 201) {
      throw new IllegalStateException("send failed: " + r);
    }
    return r.data().path("message");
  }

  /**
   * Sends {@code request} as it is, closes the sending side, and reads the answer to the end (Jetty
   * closes after a refusal, or once it has answered a client that stopped sending).
   */
  static Response raw(int port, String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return parseRaw(answer.toString(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response parseRaw(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    assertThat(end).as("no complete answer: %s", answer).isPositive();
    String[] lines = answer.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    byte[] rest = answer.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
    return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
  }
}
