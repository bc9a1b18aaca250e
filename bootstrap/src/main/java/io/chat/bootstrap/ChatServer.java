package io.chat.bootstrap;

import io.chat.adapter.http.HttpApiConfig;
import io.chat.adapter.http.JavalinChatApi;
import io.chat.adapter.inprocess.HmacTurnSecret;
import io.chat.adapter.inprocess.InProcessCallRegistry;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.adapter.inprocess.InProcessTimers;
import io.chat.adapter.inprocess.StoreCircuit;
import io.chat.adapter.jwt.JwtConfig;
import io.chat.adapter.jwt.NimbusAccessTokens;
import io.chat.adapter.push.ExpoPushConfig;
import io.chat.adapter.push.ExpoPushNotifier;
import io.chat.adapter.ws.RealtimeChat;
import io.chat.adapter.ws.RealtimeSettings;
import io.chat.application.port.out.AccessTokens;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.PushNotifier;
import io.chat.application.port.out.PushTokens;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.port.out.StoreHealth;
import io.chat.application.port.out.TurnSecret;
import io.chat.application.port.out.UserDirectory;
import io.chat.application.service.ChatPorts;
import io.chat.application.service.ChatServices;
import io.chat.application.service.ChatSettings;
import io.chat.application.service.call.CallPorts;
import io.chat.application.service.call.CallServices;
import io.chat.application.service.call.CallSettings;
import io.chat.application.service.shared.KeyedSequencer;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the store, the adapters and the chat core by hand, and runs them on
 * one Javalin/Jetty server. {@link #close} stops in order: no new connections, sockets closed with
 * a reason, pushes flushed, store closed.
 */
final class ChatServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
  private static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

  /**
   * Past the store's own timeout, how long an operation may still take before it counts as lost.
   */
  private static final Duration STORE_DEADLINE_MARGIN = Duration.ofSeconds(1);

  private final Storage store;
  private final Optional<ExpoPushNotifier> push;
  private final Javalin app;
  private final Optional<DevMode> dev;
  private final JvmMeters jvmMeters;
  private final InProcessTimers callTimers;
  private final Optional<SharedMode> shared;

  private ChatServer(
      Storage store,
      Optional<ExpoPushNotifier> push,
      Javalin app,
      Optional<DevMode> dev,
      JvmMeters jvmMeters,
      InProcessTimers callTimers,
      Optional<SharedMode> shared) {
    this.shared = shared;
    this.store = store;
    this.push = push;
    this.app = app;
    this.dev = dev;
    this.jvmMeters = jvmMeters;
    this.callTimers = callTimers;
  }

  /** Starts everything the configuration asks for; the port is known when this returns. */
  static ChatServer start(ServerConfig config) {
    Clock clock = Clock.systemUTC();
    Storage store = Storage.open(config);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMeters jvmMeters = JvmMeters.bind(metrics);
    InProcessTimers callTimers = new InProcessTimers();
    Optional<SharedMode> shared = Optional.empty();
    try {
      if (config.shared()) {
        shared = Optional.of(SharedMode.open(config, clock));
      }
      Optional<DevMode> dev =
          config.development() ? Optional.of(DevMode.open(config, clock)) : Optional.empty();
      AccessTokens verifier = NimbusAccessTokens.create(jwtConfig(config, dev), clock);
      AccessTokens tokens = dev.map(d -> d.hintingForeignTokens(verifier)).orElse(verifier);

      Optional<ExpoPushNotifier> expo =
          config.push().enabled() ? Optional.of(expo(config, store)) : Optional.empty();
      PushNotifier push = expo.isPresent() ? expo.get() : notification -> {};

      RealtimeChat realtime =
          RealtimeChat.create(
              RealtimeSettings.defaults(config.corsOrigins())
                  .withMaxMessageBytes(config.limits().maxSocketMessageBytes()));
      ChatSettings settings =
          ChatSettings.defaults()
              .withSystemUser(config.systemUser())
              .withMaxTextLength(config.limits().maxTextLength())
              .withPushPrivacy(config.push().privacy())
              .withGroupRules(config.limits().groups())
              .withMessageRules(config.limits().messages());
      if (shared.isPresent()) {
        // What another node changes (a block, a member, a name) holds here at once: no cache.
        settings = settings.withLookupCacheTtl(Duration.ZERO);
      }
      // A sick store fails new operations at once instead of queueing them for its timeout.
      StoreCircuit circuit =
          new StoreCircuit(
              store.timeout().plus(STORE_DEADLINE_MARGIN),
              StoreCircuit.DEFAULT_OPEN_FOR,
              clock,
              open ->
                  LOG.warn(
                      open
                          ? "The store does not answer: operations fail at once (503) until it does"
                          : "The store answers again"));
      ChatServices services =
          ChatServices.create(
              new ChatPorts(
                  circuit.guard(ChatRepository.class, store.chats()),
                  circuit.guard(MembershipRepository.class, store.memberships()),
                  circuit.guard(MessageRepository.class, store.messages()),
                  circuit.guard(ReactionRepository.class, store.reactions()),
                  circuit.guard(BlockList.class, store.blocks()),
                  circuit.guard(MuteSettings.class, store.mutes()),
                  circuit.guard(UserDirectory.class, store.users()),
                  circuit.guard(PushTokens.class, store.pushTokens()),
                  shared.isPresent()
                      ? realtime.relayedEvents(shared.get()::publish)
                      : realtime.events(),
                  push,
                  shared.isPresent() ? shared.get().presence() : new InProcessPresence(),
                  shared.isPresent()
                      ? shared.get().sendRateLimit()
                      : new InProcessSendRateLimit(
                          config.limits().sendBurst(), config.limits().sendPerSecond(), clock),
                  store.ids(),
                  tokens,
                  shared.isPresent()
                      ? shared.get().health(circuit.guard(StoreHealth.class, store.health()))
                      : circuit.guard(StoreHealth.class, store.health()),
                  shared.isPresent() ? shared.get().turns() : new KeyedSequencer(),
                  clock),
              settings);
      if (shared.isPresent()) {
        shared.get().tellPresenceWith(services.goOffline(), services.goOnline());
        shared.get().bindMetrics(metrics);
        shared.get().deliverTo(realtime);
      }

      ServerConfig.Calls callConfig = config.calls();
      CallServices calls =
          services.calls(
              new CallPorts(
                  shared.isPresent() ? shared.get().calls() : new InProcessCallRegistry(clock),
                  shared.isPresent()
                      ? realtime.relayedCallSignals(shared.get()::publish)
                      : realtime.callSignals(),
                  callTimers,
                  new InProcessSendRateLimit(
                      callConfig.invitesPerMinute(), callConfig.invitesPerMinute() / 60.0, clock),
                  callConfig.turnSecret().map(secret -> (TurnSecret) new HmacTurnSecret(secret))),
              CallSettings.defaults()
                  .withRingTimeout(callConfig.ringTimeout())
                  .withDisconnectGrace(callConfig.disconnectGrace())
                  .withInvitesPerMinute(callConfig.invitesPerMinute())
                  .withIceServers(
                      callConfig.stunUrls(), callConfig.turnUrls(), callConfig.turnTtl()));
      if (shared.isPresent()) {
        shared.get().endCallsWith(calls.signaling());
      }

      metrics.gauge("chat_open_sockets", realtime, RealtimeChat::connectedSockets);
      store.bindMeters(metrics);
      JavalinChatApi api =
          new JavalinChatApi(
              UseCaseBundles.rest(services).withIceServers(calls.iceServers()),
              HttpApiConfig.defaults()
                  .withCorsOrigins(config.corsOrigins())
                  .withMaxBodyBytes(config.limits().maxBodyBytes())
                  .withMaxInFlight(config.limits().httpMaxInFlight())
                  .withFairUse(
                      new HttpApiConfig.FairUse(
                          Optional.of(
                              new InProcessSendRateLimit(
                                  config.limits().readBurst(),
                                  config.limits().readPerSecond(),
                                  clock)),
                          config.limits().httpMaxInFlightPerUser()))
                  .withMetrics(metrics));
      if (dev.isPresent()) {
        dev.get().seed(services, store.users());
      }
      Javalin app =
          Javalin.create(
              javalin -> {
                javalin.startup.showJavalinBanner = false;
                api.install(javalin);
                realtime.install(
                    javalin, UseCaseBundles.realtime(services).withCalls(calls.signaling()));
                dev.ifPresent(
                    d -> {
                      d.install(javalin);
                      new WebClient().install(javalin);
                    });
              });
      try {
        app.start(config.host(), config.port());
      } catch (JavalinBindException e) {
        // Taken between StartupProblem.checkPort and now.
        throw StartupProblem.portTaken(config);
      }
      return new ChatServer(store, expo, app, dev, jvmMeters, callTimers, shared);
    } catch (Exception | Error e) {
      jvmMeters.close();
      callTimers.close();
      shared.ifPresent(SharedMode::close);
      store.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("start-up failed", e);
    }
  }

  private static JwtConfig jwtConfig(ServerConfig config, Optional<DevMode> dev) {
    if (config.jwt() instanceof ServerConfig.SharedSecret s) {
      return audiences(issuer(JwtConfig.sharedSecret(s.secret()), s.issuer()), s.audiences());
    }
    if (config.jwt() instanceof ServerConfig.Jwks j) {
      JwtConfig keys =
          j.url().isPresent()
              ? JwtConfig.jwksUrl(j.url().get(), j.algorithms())
              : JwtConfig.jwksFile(j.file().orElseThrow(), j.algorithms());
      return audiences(issuer(keys, j.issuer()), j.audiences());
    }
    return JwtConfig.sharedSecret(dev.orElseThrow().secret());
  }

  private static JwtConfig issuer(JwtConfig config, Optional<String> issuer) {
    return issuer.map(config::withIssuer).orElse(config);
  }

  private static JwtConfig audiences(JwtConfig config, java.util.Set<String> audiences) {
    return audiences.isEmpty() ? config : config.withAudiences(audiences);
  }

  private static ExpoPushNotifier expo(ServerConfig config, Storage store) {
    ExpoPushConfig.Builder expo =
        ExpoPushConfig.builder()
            .receiptDelay(config.push().receiptDelay())
            .receiptCapacity(config.push().receipts());
    config.push().url().ifPresent(expo::url);
    config.push().accessToken().ifPresent(expo::accessToken);
    return new ExpoPushNotifier(
        expo.build(),
        deadToken ->
            store
                .pushTokens()
                .forget(deadToken)
                .exceptionally(
                    failure -> {
                      LOG.warn("could not forget a dead push token: {}", failure.toString());
                      return null;
                    }));
  }

  int port() {
    return app.port();
  }

  Optional<DevMode> dev() {
    return dev;
  }

  /** Stops accepting, closes sockets with a reason, flushes pushes, closes the store. */
  @Override
  public void close() {
    LOG.info("shutting down");
    app.stop();
    // Calls still ringing or away end with the process: nothing is left to time.
    callTimers.close();
    push.ifPresent(
        p -> {
          try {
            p.close().toCompletableFuture().get(SHUTDOWN_DEADLINE.toSeconds(), TimeUnit.SECONDS);
          } catch (Exception e) {
            LOG.warn("pushes not flushed: {}", e.toString());
          }
        });
    shared.ifPresent(SharedMode::close);
    store.close();
    jvmMeters.close();
    LOG.info("stopped");
  }
}
