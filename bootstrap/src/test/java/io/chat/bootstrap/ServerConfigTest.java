package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.message.MessageRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's settings: defaults, flags over the environment, problems, and the banner. */
class ServerConfigTest {

  @Test
  void theBoundOnRequestsInFlightIs1024UnlessSet() {
    assertThat(ServerConfig.read(List.of(), Map.of()).limits().httpMaxInFlight()).isEqualTo(1024);
  }

  @Test
  void theBoundOnRequestsInFlightComesFromTheFlagOverTheEnvironment() {
    Map<String, String> env = Map.of("CHAT_HTTP_MAX_IN_FLIGHT", "64");

    assertThat(ServerConfig.read(List.of(), env).limits().httpMaxInFlight()).isEqualTo(64);
    assertThat(
            ServerConfig.read(List.of("--http-max-in-flight", "8"), env).limits().httpMaxInFlight())
        .isEqualTo(8);
  }

  @Test
  void aBoundThatIsNotAPositiveNumberStopsTheStartAndSaysWhich() {
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of("--http-max-in-flight", "0"),
                    Map.of("CHAT_HTTP_MAX_IN_FLIGHT", "many")))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "--http-max-in-flight / CHAT_HTTP_MAX_IN_FLIGHT must be 1 to 1000000,"
                            + " not '0'"));
  }

  @Test
  void pushReceiptsAreAskedForAfterFifteenMinutesForUpTo50000TicketsUnlessSet() {
    ServerConfig.Push push = ServerConfig.read(List.of(), Map.of()).push();
    assertThat(push.receiptDelay()).isEqualTo(Duration.ofMinutes(15));
    assertThat(push.receipts()).isEqualTo(50_000);

    ServerConfig.Push set =
        ServerConfig.read(List.of("--push-receipts", "0"), Map.of("CHAT_PUSH_RECEIPT_DELAY", "90s"))
            .push();
    assertThat(set.receiptDelay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(set.receipts()).isZero();
  }

  @Test
  void aPushReceiptSettingThatDoesNotParseStopsTheStartAndSaysWhich() {
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of("--push-receipt-delay", "soon", "--push-receipts", "-1"), Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).startsWith("--push-receipt-delay"))
                    .anySatisfy(p -> assertThat(p).startsWith("--push-receipts")));
  }

  @Test
  void aZeroReceiptDelayIsRefused() {
    assertThatThrownBy(() -> ServerConfig.read(List.of("--push-receipt-delay", "0s"), Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "--push-receipt-delay / CHAT_PUSH_RECEIPT_DELAY must be longer than 0"));
  }

  @Test
  void aNodeIsSingleUnlessARedisUriIsGivenWithAMongoUri() {
    assertThat(ServerConfig.read(List.of(), Map.of()).shared()).isFalse();

    ServerConfig shared =
        ServerConfig.read(
            List.of("--mongo-uri", "mongodb://db:27017"),
            Map.of("CHAT_REDIS_URI", "redis://cache:6379"));

    assertThat(shared.shared()).isTrue();
    assertThat(shared.redisUri()).contains("redis://cache:6379");
  }

  @Test
  void aRedisUriWithoutAMongoUriOrNotARedisUriStopsTheStart() {
    assertThatThrownBy(() -> ServerConfig.read(List.of("--redis-uri", "redis://cache"), Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "--redis-uri / CHAT_REDIS_URI needs --mongo-uri / CHAT_MONGO_URI:"
                            + " nodes share MongoDB"));
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of("--redis-uri", "cache:6379", "--mongo-uri", "mongodb://db"), Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "--redis-uri / CHAT_REDIS_URI must be a redis:// or rediss:// URI"));
  }

  @Test
  void helpListsTheSetting() {
    assertThat(Usage.TEXT).containsPattern("--http-max-in-flight +CHAT_HTTP_MAX_IN_FLIGHT +1024");
    assertThat(Usage.TEXT).containsPattern("--push-receipt-delay +CHAT_PUSH_RECEIPT_DELAY +PT15M");
    assertThat(Usage.TEXT).containsPattern("--push-receipts +CHAT_PUSH_RECEIPTS +50000");
    assertThat(Usage.TEXT).containsPattern("--redis-uri +CHAT_REDIS_URI +none");
  }

  @Test
  void developmentModeListensOnLoopbackUnlessAHostIsGivenAndConfiguredTokensOnEveryAddress() {
    assertThat(ServerConfig.read(List.of(), Map.of()).host()).isEqualTo("127.0.0.1");
    assertThat(ServerConfig.read(List.of("--host", "0.0.0.0"), Map.of()).host())
        .isEqualTo("0.0.0.0");
    assertThat(ServerConfig.read(List.of(), Map.of("CHAT_HOST", "0.0.0.0")).host())
        .isEqualTo("0.0.0.0");
    assertThat(ServerConfig.read(List.of(), Map.of("CHAT_JWT_SECRET", SECRET)).host())
        .isEqualTo("0.0.0.0");
  }

  @Test
  void theBannerWarnsWhenDevelopmentModeIsReachableFromTheNetworkAndOnlyThen() {
    assertThat(banner(List.of())).doesNotContain("WARNING");
    assertThat(banner(List.of("--host", "localhost"))).doesNotContain("WARNING");
    assertThat(banner(List.of("--host", "0.0.0.0")))
        .contains(
            "WARNING: development mode listens on 0.0.0.0: anyone who reaches port 8080 can mint"
                + " tokens, staff included");
    assertThat(banner(List.of("--host", "0.0.0.0", "--jwt-secret", SECRET)))
        .doesNotContain("WARNING")
        .doesNotContain("token alice");
  }

  @Test
  void theBannerNamesTheDataDirectoryInTheTokenCommandAsAnAbsolutePath() {
    String banner = banner(List.of("--data-dir", "some/where"));

    assertThat(banner)
        .contains(" token alice --data-dir " + java.nio.file.Path.of("some/where").toAbsolutePath())
        .contains("/dev/users")
        .endsWith("chat-server listening on http://localhost:8080\n");
  }

  private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789";

  private static String banner(List<String> args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Main.banner(
        ServerConfig.read(args, Map.of()),
        8080,
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void eachUserReadsUpTo100AtOnceAnd20ASecondWith16RequestsInFlightUnlessSet() {
    ServerConfig.Limits defaults = ServerConfig.read(List.of(), Map.of()).limits();
    assertThat(defaults.readBurst()).isEqualTo(100);
    assertThat(defaults.readPerSecond()).isEqualTo(20);
    assertThat(defaults.httpMaxInFlightPerUser()).isEqualTo(16);

    ServerConfig.Limits set =
        ServerConfig.read(
                List.of("--read-burst", "5", "--http-max-in-flight-per-user", "2"),
                Map.of("CHAT_READ_PER_SECOND", "0.5"))
            .limits();
    assertThat(set.readBurst()).isEqualTo(5);
    assertThat(set.readPerSecond()).isEqualTo(0.5);
    assertThat(set.httpMaxInFlightPerUser()).isEqualTo(2);
    assertThatThrownBy(() -> ServerConfig.read(List.of("--read-burst", "0"), Map.of()))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("--read-burst / CHAT_READ_BURST");
  }

  @Test
  void groupsHoldAThousandAddAHundredAtOnceAndSharePresenceUpToAHundredUnlessSet() {
    ServerConfig.Limits defaults = ServerConfig.read(List.of(), Map.of()).limits();
    assertThat(defaults.groups().maxMembers()).isEqualTo(1_000);
    assertThat(defaults.groups().maxAddedPerRequest()).isEqualTo(100);
    assertThat(defaults.groups().presenceGroupSize()).isEqualTo(100);

    ServerConfig.Limits set =
        ServerConfig.read(
                List.of("--group-max-members", "50", "--group-presence-size", "0"),
                Map.of("CHAT_GROUP_MAX_ADDED", "10"))
            .limits();
    assertThat(set.groups().maxMembers()).isEqualTo(50);
    assertThat(set.groups().maxAddedPerRequest()).isEqualTo(10);
    assertThat(set.groups().sharesPresence(2)).isFalse();
    assertThatThrownBy(() -> ServerConfig.read(List.of("--group-max-members", "1"), Map.of()))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("--group-max-members / CHAT_GROUP_MAX_MEMBERS");
  }

  @Test
  void messagesAreEditedFor15MinutesDeletedForEveryoneForAnHourAndTenPinnedUnlessSet() {
    MessageRules defaults = ServerConfig.read(List.of(), Map.of()).limits().messages();
    assertThat(defaults.editWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.deleteWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.maxPins()).isEqualTo(10);
    assertThat(defaults.maxReactions()).isEqualTo(20);
    assertThat(defaults.allowed()).isEmpty();

    MessageRules set =
        ServerConfig.read(
                List.of("--edit-window", "90s", "--max-pins=3", "--reactions", "👍, ❤️ ,😂"),
                Map.of("CHAT_DELETE_WINDOW", "PT2H", "CHAT_EDIT_WINDOW", "PT1M"))
            .limits()
            .messages();
    assertThat(set.editWindow()).isEqualTo(Duration.ofSeconds(90));
    assertThat(set.deleteWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(set.maxPins()).isEqualTo(3);
    assertThat(set.allowed()).containsExactlyInAnyOrder("👍", "❤️", "😂");
    assertThat(set.requireReaction("😂")).isEqualTo("😂");
    assertThatThrownBy(() -> set.requireReaction("🎉")).hasMessageContaining("not allowed");
  }

  @Test
  void badMessageRulesStopTheStartAndSayWhichEach() {
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of(
                        "--edit-window",
                        "a while",
                        "--delete-window",
                        "-PT1M",
                        "--max-pins",
                        "101",
                        "--reactions",
                        "👍," + "x".repeat(33)),
                    Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactlyInAnyOrder(
                        "--edit-window / CHAT_EDIT_WINDOW must be a duration such as 500ms, 30s or"
                            + " PT1M, not 'a while'",
                        "--delete-window / CHAT_DELETE_WINDOW must be a duration such as 500ms,"
                            + " 30s or PT1M, not '-PT1M'",
                        "--max-pins / CHAT_MAX_PINS must be 0 to 100, not '101'",
                        "--reactions / CHAT_REACTIONS: '"
                            + "x".repeat(33)
                            + "' is not a reaction (at most 32 characters, no spaces)"));
  }

  @Test
  void helpListsTheMessageRules() {
    assertThat(Usage.TEXT).containsPattern("--edit-window +CHAT_EDIT_WINDOW +PT15M");
    assertThat(Usage.TEXT).containsPattern("--delete-window +CHAT_DELETE_WINDOW +PT1H");
    assertThat(Usage.TEXT).containsPattern("--max-pins +CHAT_MAX_PINS +10");
    assertThat(Usage.TEXT).containsPattern("--reactions +CHAT_REACTIONS +none");
  }

  @Test
  void callsRingFor45SecondsAllowTenSecondsOfGraceAndTenInvitesAMinuteWithNoIceServersUnlessSet() {
    ServerConfig.Calls calls = ServerConfig.read(List.of(), Map.of()).calls();
    assertThat(calls.ringTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(calls.disconnectGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(calls.invitesPerMinute()).isEqualTo(10);
    assertThat(calls.stunUrls()).isEmpty();
    assertThat(calls.turnUrls()).isEmpty();
    assertThat(calls.turnSecret()).isEmpty();
    assertThat(calls.turnTtl()).isEqualTo(Duration.ofHours(1));

    ServerConfig.Calls set =
        ServerConfig.read(
                List.of(
                    "--call-ring-timeout",
                    "5",
                    "--turn-urls",
                    "turn:t.example:3478,turns:t.example:5349"),
                Map.of(
                    "CHAT_CALL_DISCONNECT_GRACE", "3",
                    "CHAT_CALL_INVITES_PER_MINUTE", "2",
                    "CHAT_STUN_URLS", "stun:t.example:3478",
                    "CHAT_TURN_SECRET", "s3cret",
                    "CHAT_TURN_TTL", "600"))
            .calls();
    assertThat(set.ringTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(set.disconnectGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(set.invitesPerMinute()).isEqualTo(2);
    assertThat(set.stunUrls()).containsExactly("stun:t.example:3478");
    assertThat(set.turnUrls()).containsExactly("turn:t.example:3478", "turns:t.example:5349");
    assertThat(set.turnSecret()).contains("s3cret");
    assertThat(set.turnTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(set.toString()).doesNotContain("s3cret");
  }

  @Test
  void theTurnSecretIsReadFromItsFileAndTurnWithoutOneStopsTheStart(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path file = dir.resolve("turn-secret");
    java.nio.file.Files.writeString(file, "from-a-file\n");

    assertThat(
            ServerConfig.read(List.of("--turn-secret-file", file.toString()), Map.of())
                .calls()
                .turnSecret())
        .contains("from-a-file");
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of("--turn-urls", "turn:t.example", "--stun-urls", "http://x"), Map.of()))
        .isInstanceOfSatisfying(
            ServerConfig.ConfigException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactlyInAnyOrder(
                        "--stun-urls / CHAT_STUN_URLS: 'http://x' is not a stun: or stuns: URL",
                        "--turn-urls needs the TURN shared secret (--turn-secret-file or CHAT_TURN_SECRET)"));
    assertThatThrownBy(
            () ->
                ServerConfig.read(
                    List.of("--turn-secret-file", dir.resolve("missing").toString()), Map.of()))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void helpListsTheCallSettings() {
    assertThat(Usage.TEXT)
        .contains(
            "--call-ring-timeout",
            "CHAT_CALL_DISCONNECT_GRACE",
            "--turn-secret-file",
            "CHAT_TURN_TTL");
  }
}
