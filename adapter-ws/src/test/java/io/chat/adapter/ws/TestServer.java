package io.chat.adapter.ws;

import io.chat.adapter.http.ChatUseCases;
import io.chat.adapter.http.HttpApiConfig;
import io.chat.adapter.http.JavalinChatApi;
import io.chat.adapter.inmemory.FixedAccessTokens;
import io.chat.adapter.inmemory.InMemoryBlockList;
import io.chat.adapter.inmemory.InMemoryChatRepository;
import io.chat.adapter.inmemory.InMemoryMessageRepository;
import io.chat.adapter.inmemory.InMemoryMuteSettings;
import io.chat.adapter.inmemory.InMemoryPushTokens;
import io.chat.adapter.inmemory.InMemoryReactionRepository;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import io.chat.adapter.inmemory.InMemoryUserDirectory;
import io.chat.adapter.inmemory.RecordingPushNotifier;
import io.chat.adapter.inprocess.InProcessCallRegistry;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.adapter.inprocess.InProcessTimers;
import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.AccessToken;
import io.chat.application.port.out.Presence;
import io.chat.application.port.out.Timers;
import io.chat.application.service.ChatPorts;
import io.chat.application.service.ChatServices;
import io.chat.application.service.ChatSettings;
import io.chat.application.service.call.CallPorts;
import io.chat.application.service.call.CallServices;
import io.chat.application.service.call.CallSettings;
import io.chat.application.testing.Await;
import io.chat.domain.user.UserId;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A real server on a random port: Javalin with the REST API and the realtime adapter, the core on
 * in-memory ports.
 */
final class TestServer implements AutoCloseable {
  static final String ALLOWED_ORIGIN = "https://app.example";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final FixedAccessTokens tokens = new FixedAccessTokens();
  final ChatServices services;
  final RealtimeChat realtime;
  private final Javalin app;
  private final InProcessTimers ownTimers;

  TestServer() {
    this(settings(), new InProcessSendRateLimit(Clock.systemUTC()));
  }

  TestServer(RealtimeSettings settings, InProcessSendRateLimit rateLimit) {
    this(settings, rateLimit, new InProcessPresence());
  }

  /** A server whose core counts devices with {@code presence}. */
  TestServer(RealtimeSettings settings, InProcessSendRateLimit rateLimit, Presence presence) {
    this(settings, rateLimit, presence, HttpApiConfig.defaults());
  }

  /** As above, with the REST API (installed on the same server) configured by {@code http}. */
  TestServer(
      RealtimeSettings settings,
      InProcessSendRateLimit rateLimit,
      Presence presence,
      HttpApiConfig http) {
    this(
        settings,
        rateLimit,
        presence,
        http,
        Clock.systemUTC(),
        CallSettings.defaults(),
        null,
        new RecordingPushNotifier());
  }

  /**
   * A server whose core runs on {@code clock}, with calls as {@code calls} says and timed by {@code
   * timers} (null: real ones), its pushes recorded by {@code push}.
   */
  TestServer(
      RealtimeSettings settings,
      InProcessSendRateLimit rateLimit,
      Presence presence,
      HttpApiConfig http,
      Clock clock,
      CallSettings calls,
      Timers timers,
      RecordingPushNotifier push) {
    realtime = RealtimeChat.create(settings);
    InMemoryChatRepository chats = new InMemoryChatRepository();
    services =
        ChatServices.create(
            new ChatPorts(
                chats,
                chats.memberships(),
                new InMemoryMessageRepository(),
                new InMemoryReactionRepository(),
                new InMemoryBlockList(),
                new InMemoryMuteSettings(),
                new InMemoryUserDirectory(),
                new InMemoryPushTokens(),
                realtime.events(),
                push,
                presence,
                rateLimit,
                new ObjectIdGenerator(clock),
                tokens,
                new InMemoryStoreHealth(),
                clock),
            ChatSettings.defaults());
    ownTimers = timers == null ? new InProcessTimers() : null;
    CallServices callServices =
        services.calls(
            new CallPorts(
                new InProcessCallRegistry(clock),
                realtime.callSignals(),
                timers == null ? ownTimers : timers,
                new InProcessSendRateLimit(
                    calls.invitesPerMinute(), calls.invitesPerMinute() / 60.0, clock),
                Optional.empty()),
            calls);
    app =
        Javalin.create(
                config -> {
                  config.jetty.port = 0;
                  config.jetty.host = "127.0.0.1";
                  new JavalinChatApi(
                          restUseCases(services).withIceServers(callServices.iceServers()), http)
                      .install(config);
                  realtime.install(
                      config, realtimeUseCases(services).withCalls(callServices.signaling()));
                })
            .start();
  }

  /** What the REST API serves, picked out of the core as the composition root does. */
  private static ChatUseCases restUseCases(ChatServices s) {
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

  private static RealtimeUseCases realtimeUseCases(ChatServices s) {
    return new RealtimeUseCases(
        s.authenticate(),
        s.sendMessage(),
        s.relayTyping(),
        s.markSeen(),
        s.goOnline(),
        s.goOffline(),
        s.chats(),
        s.lifecycle());
  }

  static RealtimeSettings settings() {
    return RealtimeSettings.defaults(List.of(ALLOWED_ORIGIN));
  }

  /** A server whose per-user send limit (1,000 a second) never gets in a test's way. */
  static TestServer withoutSendLimit(RealtimeSettings settings) {
    return new TestServer(settings, new InProcessSendRateLimit(1_000, 1_000, Clock.systemUTC()));
  }

  int port() {
    return app.port();
  }

  /** Sends {@code text} from {@code from} to {@code to} through the core, and waits. */
  Sent send(String from, String to, String text) {
    return Await.done(
        services
            .sendMessage()
            .send(new SendMessage(UserId.of(from), UserId.of(to), text, Optional.empty())));
  }

  /** A token for {@code user} that never expires (made known to the verifier). */
  String token(String user) {
    String token = "token-" + user;
    tokens.withUser(token, UserId.of(user));
    return token;
  }

  String adminToken(String user) {
    String token = "admin-token-" + user;
    tokens.withAdmin(token, UserId.of(user));
    return token;
  }

  String tokenExpiringAt(String user, Instant expiresAt) {
    String token = "short-token-" + user + "-" + expiresAt.toEpochMilli();
    tokens.with(
        token,
        new AccessToken(UserId.of(user), false, expiresAt, Optional.empty(), Optional.empty()));
    return token;
  }

  /** A group named Trip that {@code owner} creates over REST with {@code members}: its id. */
  String createGroup(String owner, String... members) {
    var created =
        rest(
            "POST",
            "/api/v1/chats/groups",
            token(owner),
            "{\"name\":\"Trip\",\"members\":[\"" + String.join("\",\"", members) + "\"]}");
    if (created.statusCode() != 201) {
      throw new AssertionError(created.statusCode() + " " + created.body());
    }
    return TestClient.parse(created.body()).path("data").path("chat").path("_id").asText();
  }

  /** A REST call with {@code token}; answers the status and the envelope. */
  HttpResponse<String> rest(String method, String path, String token, String body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    app.stop();
    if (ownTimers != null) {
      ownTimers.close();
    }
  }
}
