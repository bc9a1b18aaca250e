package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat.adapter.inmemory.FixedAccessTokens;
import io.chat.adapter.inmemory.InMemoryBlockList;
import io.chat.adapter.inmemory.InMemoryChatRepository;
import io.chat.adapter.inmemory.InMemoryMessageRepository;
import io.chat.adapter.inmemory.InMemoryMuteSettings;
import io.chat.adapter.inmemory.InMemoryPushTokens;
import io.chat.adapter.inmemory.InMemoryReactionRepository;
import io.chat.adapter.inmemory.InMemoryStoreHealth;
import io.chat.adapter.inmemory.InMemoryUserDirectory;
import io.chat.adapter.inmemory.MutableClock;
import io.chat.adapter.inmemory.RecordingChatEvents;
import io.chat.adapter.inprocess.InProcessPresence;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.adapter.inprocess.ObjectIdGenerator;
import io.chat.adapter.push.FakeExpo.Received;
import io.chat.adapter.push.FakeExpo.Reply;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.PushNotifier;
import io.chat.application.service.ChatPorts;
import io.chat.application.service.ChatServices;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.Times;
import io.chat.application.testing.Users;
import io.chat.domain.relation.BlockedException;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The push rule end to end: the real services decide, the real Expo adapter posts, and a local HTTP
 * server playing Expo sees what arrives.
 */
class PushRuleEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final UserId ALICE = Users.ALICE;
  private static final UserId BOB = Users.BOB;
  private static final UserId CAROL = Users.CAROL;
  private static final String BOB_PHONE = "ExponentPushToken[bob-phone]";
  private static final String CAROL_PHONE = "ExponentPushToken[carol-phone]";

  /** The chat core on in-memory ports with a given push notifier, as InMemoryCore wires it. */
  private static final class Core {
    final MutableClock clock = new MutableClock(Times.T0);
    final InMemoryStoreHealth health = new InMemoryStoreHealth();
    final InMemoryUserDirectory users = new InMemoryUserDirectory(health);
    final InMemoryPushTokens pushTokens;
    final InMemoryBlockList blocks = new InMemoryBlockList();
    final InProcessPresence presence = new InProcessPresence();
    final ChatServices services;

    Core(PushNotifier push) {
      this(push, new InMemoryPushTokens());
    }

    /** A core on given push tokens, which the notifier may also hold (to forget dead ones). */
    Core(PushNotifier push, InMemoryPushTokens pushTokens) {
      this.pushTokens = pushTokens;
      InMemoryChatRepository chats = new InMemoryChatRepository(health);
      services =
          ChatServices.create(
              new ChatPorts(
                  chats,
                  chats.memberships(),
                  new InMemoryMessageRepository(health),
                  new InMemoryReactionRepository(health),
                  blocks,
                  new InMemoryMuteSettings(),
                  users,
                  pushTokens,
                  new RecordingChatEvents(),
                  push,
                  presence,
                  new InProcessSendRateLimit(100_000, 100_000, clock),
                  new ObjectIdGenerator(clock),
                  new FixedAccessTokens(),
                  health,
                  clock),
              ChatSettings.defaults());
      for (UserId id : List.of(ALICE, BOB, CAROL)) {
        Await.done(users.save(Users.profile(id)));
      }
      Await.done(pushTokens.register(BOB, PushToken.of(BOB_PHONE, "ios")));
      Await.done(pushTokens.register(CAROL, PushToken.of(CAROL_PHONE, "android")));
    }

    Sent send(UserId from, UserId to, String text) {
      return Await.done(
          services.sendMessage().send(new SendMessage(from, to, text, Optional.empty())));
    }
  }

  /** The real adapter on the fake service, plus the core it serves. */
  private static final class Wired implements AutoCloseable {
    final CountDownLatch forgotten = new CountDownLatch(1);
    final ExpoPushNotifier notifier;
    final Core core;

    Wired(FakeExpo expo, ExpoPushConfig.Builder config) {
      InMemoryPushTokens tokens = new InMemoryPushTokens();
      notifier =
          new ExpoPushNotifier(
              config.url(expo.url()).build(),
              token -> tokens.forget(token).thenRun(forgotten::countDown));
      core = new Core(notifier, tokens);
    }

    Wired(FakeExpo expo) {
      this(
          expo,
          ExpoPushConfig.builder()
              .maxRetries(1)
              .baseBackoff(Duration.ofMillis(20))
              .maxBackoff(Duration.ofMillis(200))
              .connectTimeout(Duration.ofSeconds(2))
              .requestTimeout(Duration.ofSeconds(5))
              .closeDeadline(WAIT));
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
      try {
        notifier.close().toCompletableFuture().get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while closing", e);
      }
    }
  }

  /**
   * Proves nothing was pushed for what came before: a push to Carol (offline, with a phone) is sent
   * next, and every request up to hers carries her token only.
   */
  private static void assertNothingPushedBefore(Wired wired, FakeExpo expo) throws Exception {
    wired.core.send(ALICE, CAROL, "sentinel");
    List<String> tokens = new ArrayList<>();
    while (!tokens.contains(CAROL_PHONE)) {
      tokens.addAll(expo.next(WAIT).tokens());
    }
    assertThat(tokens).containsExactly(CAROL_PHONE);
  }

  @Test
  void offlineRecipientWithATokenGetsExactlyTheExpectedRequest() throws Exception {
    try (FakeExpo expo = new FakeExpo();
        Wired wired = new Wired(expo)) {
      Sent sent = wired.core.send(ALICE, BOB, "Hello Bob");

      Received request = expo.next(WAIT);

      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo(FakeExpo.PATH);
      assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
      assertThat(request.headers().getFirst("Accept")).isEqualTo("application/json");
      assertThat(request.body())
          .isEqualTo(
              JSON.readTree(
                  """
                  [{"to": "%s", "title": "%s", "body": "Hello Bob",
                    "data": {"chatId": "%s", "senderId": "alice"}, "sound": "default"}]
                  """
                      .formatted(
                          BOB_PHONE, Users.profile(ALICE).fullName(), sent.chatId().value())));
      assertThat(expo.drained()).isEmpty();
    }
  }

  @Test
  void onlineRecipientGetsNoPush() throws Exception {
    try (FakeExpo expo = new FakeExpo();
        Wired wired = new Wired(expo)) {
      Await.done(wired.core.presence.connect(BOB));

      wired.core.send(ALICE, BOB, "you are here");

      assertNothingPushedBefore(wired, expo);
    }
  }

  @Test
  void mutedRecipientGetsNoPushUntilTheMuteEnds() throws Exception {
    try (FakeExpo expo = new FakeExpo();
        Wired wired = new Wired(expo)) {
      wired.core.send(ALICE, BOB, "before the mute");
      assertThat(expo.next(WAIT).tokens()).containsExactly(BOB_PHONE);
      Instant until = Times.T0.plus(Duration.ofHours(1));
      Await.done(wired.core.services.toggleMute().toggleMute(BOB, ALICE, Optional.of(until)));

      wired.core.send(ALICE, BOB, "while muted");
      assertNothingPushedBefore(wired, expo);

      wired.core.clock.advance(Duration.ofHours(2));
      wired.core.send(ALICE, BOB, "after the mute");
      Received request = expo.next(WAIT);

      assertThat(request.tokens()).containsExactly(BOB_PHONE);
      assertThat(request.body().get(0).path("body").asText()).isEqualTo("after the mute");
    }
  }

  @Test
  void blockedPairGetsNoPushEitherWay() throws Exception {
    try (FakeExpo expo = new FakeExpo();
        Wired wired = new Wired(expo)) {
      wired.core.send(BOB, ALICE, "before the block");
      Await.done(wired.core.services.blockUser().block(BOB, ALICE));

      Throwable byBlocked = refusal(wired, ALICE, BOB);
      Throwable byBlocker = refusal(wired, BOB, ALICE);

      assertThat(byBlocked).isInstanceOf(BlockedException.class);
      assertThat(byBlocker).isInstanceOf(BlockedException.class);
      assertNothingPushedBefore(wired, expo);
    }
  }

  @Test
  void deviceNotRegisteredRemovesTheTokenFromPushTokens() throws Exception {
    try (FakeExpo expo =
            new FakeExpo()
                .answering(
                    request ->
                        Reply.json(
                            200,
                            read(
                                """
                                {"data": [{"status": "error",
                                  "details": {"error": "DeviceNotRegistered"}}]}
                                """)));
        Wired wired = new Wired(expo)) {
      wired.core.send(ALICE, BOB, "to a phone that is gone");

      assertThat(expo.next(WAIT).tokens()).containsExactly(BOB_PHONE);
      assertThat(wired.forgotten.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(Await.done(wired.core.pushTokens.tokensOf(BOB))).isEmpty();
      assertThat(Await.done(wired.core.pushTokens.tokensOf(CAROL))).hasSize(1);
    }
  }

  @Test
  void silentPushServiceLeavesSendsUnaffectedAndTheQueueBounded() throws Exception {
    int sends = 200;
    int capacity = 32;
    Core off = new Core(notification -> {});
    measure(off, sends); // warms the send path up
    double offMicros = measure(off, sends);

    try (FakeExpo expo = new FakeExpo().neverAnswering()) {
      ExpoPushNotifier notifier =
          new ExpoPushNotifier(
              ExpoPushConfig.builder()
                  .url(expo.url())
                  .queueCapacity(capacity)
                  .maxInFlight(2)
                  .connectTimeout(Duration.ofSeconds(2))
                  .requestTimeout(Duration.ofSeconds(60))
                  .closeDeadline(Duration.ofMillis(200))
                  .build(),
              token -> {});
      Core silent = new Core(notifier);
      double silentMicros = measure(silent, sends);
      ExpoPushNotifier.Stats stats = notifier.stats();
      notifier.close().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      System.out.printf(
          "push benchmark: mean send %.1f us with push off, %.1f us with a silent push service"
              + " (%d sends; queued %d, accepted %d, dropped %d)%n",
          offMicros, silentMicros, sends, stats.queued(), stats.accepted(), stats.dropped());
      assertThat(stats.queued()).isLessThanOrEqualTo(capacity);
      assertThat(stats.accepted() + stats.dropped()).isEqualTo(sends);
      assertThat(stats.dropped()).isPositive();
    }
  }

  private static Throwable refusal(Wired wired, UserId from, UserId to) {
    return Await.failure(
        wired.core.services.sendMessage().send(new SendMessage(from, to, "hi", Optional.empty())));
  }

  /** Sends {@code n} messages Alice to Bob (offline, one phone); the mean latency in µs. */
  private static double measure(Core core, int n) {
    long total = 0;
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      Sent sent = core.send(ALICE, BOB, "message " + i);
      total += System.nanoTime() - start;
      assertThat(sent.created()).isTrue();
    }
    return total / 1_000.0 / n;
  }

  private static com.fasterxml.jackson.databind.JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
