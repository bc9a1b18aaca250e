package io.chat.bootstrap;

import io.chat.adapter.push.ExpoPushConfig;
import io.chat.domain.group.GroupRules;
import io.chat.domain.message.MessageRules;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the standalone server is configured with, read from flags and {@code CHAT_*}
 * environment variables and checked as a whole before anything starts.
 */
record ServerConfig(
    String host,
    int port,
    Optional<String> mongoUri,
    String mongoDatabase,
    Optional<String> redisUri,
    Path dataDir,
    Jwt jwt,
    List<String> corsOrigins,
    SystemUser systemUser,
    Push push,
    Limits limits,
    boolean jsonLogs,
    Calls calls) {
  private static final ExpoPushConfig EXPO = ExpoPushConfig.defaults();

  /** The most pins a chat may be allowed: the pinned list is one bounded read. */
  static final int MAX_PINS = 100;

  /** Where development mode listens unless told otherwise. */
  static final String LOOPBACK = "127.0.0.1";

  /** How tokens are verified: by the server's own secret (development) or as configured. */
  sealed interface Jwt {}

  /** No verification configured: a secret kept in the data directory signs and checks tokens. */
  record Development() implements Jwt {}

  record SharedSecret(String secret, Optional<String> issuer, Set<String> audiences)
      implements Jwt {}

  record Jwks(
      Optional<URI> url,
      Optional<Path> file,
      Set<String> algorithms,
      Optional<String> issuer,
      Set<String> audiences)
      implements Jwt {}

  record Push(
      boolean enabled,
      Optional<URI> url,
      Optional<String> accessToken,
      boolean privacy,
      Duration receiptDelay,
      int receipts) {}

  record Limits(
      int maxTextLength,
      int maxBodyBytes,
      int maxSocketMessageBytes,
      int sendBurst,
      double sendPerSecond,
      int httpMaxInFlight,
      int readBurst,
      double readPerSecond,
      int httpMaxInFlightPerUser,
      GroupRules groups,
      MessageRules messages) {}

  /**
   * Calls: seconds a call rings, seconds a side may be away, invites a user may place a minute, and
   * the ICE servers (STUN URLs; TURN URLs with the shared secret, and how long a credential holds).
   */
  record Calls(
      Duration ringTimeout,
      Duration disconnectGrace,
      int invitesPerMinute,
      List<String> stunUrls,
      List<String> turnUrls,
      Optional<String> turnSecret,
      Duration turnTtl) {
    @Override
    public String toString() {
      // The secret never reaches a log.
      return "Calls[ring " + ringTimeout + ", turn " + turnUrls + "]";
    }
  }

  /** Whether this node is one of several, sharing Redis (and MongoDB). */
  boolean shared() {
    return redisUri.isPresent();
  }

  boolean development() {
    return jwt instanceof Development;
  }

  /** Whether the server listens beyond this machine (any address that is not loopback). */
  boolean reachableFromTheNetwork() {
    try {
      return !java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }

  /** Every setting, as the README's configuration table lists them. */
  static ServerConfig read(List<String> args, Map<String, String> env) {
    Settings s = Settings.of(args, env);
    Jwt jwt = jwt(s);
    // Development mode mints tokens for anyone who asks (GET /dev/users): it stays on this
    // machine unless a host is given explicitly.
    String host = s.text("host", jwt instanceof Development ? LOOPBACK : "0.0.0.0");
    int port = s.integer("port", 8080, 0, 65_535);
    Optional<String> mongoUri = s.text("mongo-uri");
    if (mongoUri.isPresent() && !mongoUri.get().startsWith("mongodb")) {
      s.problem("--mongo-uri / CHAT_MONGO_URI must be a mongodb:// or mongodb+srv:// URI");
    }
    String database = s.text("mongo-database", "chat");
    Optional<String> redisUri = s.text("redis-uri");
    if (redisUri.isPresent() && !redisUri.get().matches("rediss?://\\S+")) {
      s.problem("--redis-uri / CHAT_REDIS_URI must be a redis:// or rediss:// URI");
    }
    if (redisUri.isPresent() && mongoUri.isEmpty()) {
      // The embedded store is one process' file: nodes that share Redis must share a database.
      s.problem(
          "--redis-uri / CHAT_REDIS_URI needs --mongo-uri / CHAT_MONGO_URI: nodes share MongoDB");
    }
    Path dataDir = s.path("data-dir", "data");

    List<String> cors = s.list("cors-origins");
    for (String origin : cors) {
      if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
        s.problem(
            "--cors-origins / CHAT_CORS_ORIGINS: '"
                + origin
                + "' is not an origin like https://app.example.com");
      }
    }
    if (jwt instanceof Development && cors.isEmpty()) {
      cors = List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
    }

    SystemUser system = SystemUser.defaults();
    try {
      system =
          new SystemUser(
              UserId.of(s.text("system-user-id", SystemUser.DEFAULT_ID.value())),
              s.text("system-user-name", SystemUser.DEFAULT_NAME));
    } catch (RuntimeException e) {
      s.problem("--system-user-id / CHAT_SYSTEM_USER_ID: " + e.getMessage());
    }

    Push push =
        new Push(
            s.bool("push-enabled", !(jwt instanceof Development)),
            s.text("push-url").flatMap(u -> uri(s, "push-url", u)),
            s.text("push-access-token"),
            s.bool("push-privacy", false),
            s.duration("push-receipt-delay", EXPO.receiptDelay()),
            s.integer("push-receipts", EXPO.receiptCapacity(), 0, 10_000_000));
    if (push.receiptDelay().isZero()) {
      s.problem("--push-receipt-delay / CHAT_PUSH_RECEIPT_DELAY must be longer than 0");
    }

    Limits limits =
        new Limits(
            s.integer("max-text-length", 4_000, 1, 100_000),
            s.integer("max-body-bytes", 64 * 1024, 1_024, 16 * 1024 * 1024),
            s.integer("max-socket-message-bytes", 64 * 1024, 1_024, 16 * 1024 * 1024),
            s.integer("send-burst", 20, 1, 100_000),
            s.decimal("send-per-second", 5, 0.01, 100_000),
            s.integer("http-max-in-flight", 1_024, 1, 1_000_000),
            s.integer("read-burst", 100, 1, 100_000),
            s.decimal("read-per-second", 20, 0.01, 100_000),
            s.integer("http-max-in-flight-per-user", 16, 1, 1_000_000),
            new GroupRules(
                s.integer("group-max-members", GroupRules.DEFAULT_MAX_MEMBERS, 2, 100_000),
                s.integer("group-max-added", GroupRules.DEFAULT_MAX_ADDED_PER_REQUEST, 1, 1_000),
                s.integer(
                    "group-presence-size", GroupRules.DEFAULT_PRESENCE_GROUP_SIZE, 0, 100_000)),
            new MessageRules(
                s.duration("edit-window", MessageRules.DEFAULT_EDIT_WINDOW),
                s.duration("delete-window", MessageRules.DEFAULT_DELETE_WINDOW),
                s.integer("max-pins", MessageRules.DEFAULT_MAX_PINS, 0, MAX_PINS),
                MessageRules.DEFAULT_MAX_REACTIONS,
                reactions(s)));

    Calls calls = calls(s);

    String logFormat = s.text("log-format", "text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      s.problem("--log-format / CHAT_LOG_FORMAT must be text or json");
    }

    List<String> problems = s.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ServerConfig(
        host,
        port,
        mongoUri,
        database,
        redisUri,
        dataDir,
        jwt,
        cors,
        system,
        push,
        limits,
        logFormat.equals("json"),
        calls);
  }

  private static Calls calls(Settings s) {
    List<String> stun = s.list("stun-urls");
    List<String> turn = s.list("turn-urls");
    for (String url : stun) {
      if (!url.matches("stuns?:\\S+")) {
        s.problem("--stun-urls / CHAT_STUN_URLS: '" + url + "' is not a stun: or stuns: URL");
      }
    }
    for (String url : turn) {
      if (!url.matches("turns?:\\S+")) {
        s.problem("--turn-urls / CHAT_TURN_URLS: '" + url + "' is not a turn: or turns: URL");
      }
    }
    Optional<String> secret = s.text("turn-secret");
    Optional<String> secretFile = s.text("turn-secret-file");
    if (secret.isPresent() && secretFile.isPresent()) {
      s.problem("configure one of --turn-secret, --turn-secret-file, not both");
    }
    if (secretFile.isPresent()) {
      try {
        secret =
            Optional.of(Files.readString(Path.of(secretFile.get())).strip())
                .filter(v -> !v.isEmpty());
        if (secret.isEmpty()) {
          s.problem("--turn-secret-file / CHAT_TURN_SECRET_FILE: the file is empty");
        }
      } catch (java.io.IOException | RuntimeException e) {
        s.problem("--turn-secret-file / CHAT_TURN_SECRET_FILE: cannot read " + secretFile.get());
      }
    }
    if (!turn.isEmpty() && secret.isEmpty()) {
      s.problem(
          "--turn-urls needs the TURN shared secret (--turn-secret-file or CHAT_TURN_SECRET)");
    }
    return new Calls(
        Duration.ofSeconds(s.integer("call-ring-timeout", 45, 1, 3_600)),
        Duration.ofSeconds(s.integer("call-disconnect-grace", 10, 0, 3_600)),
        s.integer("call-invites-per-minute", 10, 1, 100_000),
        stun,
        turn,
        secret,
        Duration.ofSeconds(s.integer("turn-ttl", 3_600, 60, 7 * 86_400)));
  }

  private static Jwt jwt(Settings s) {
    Optional<String> secret = s.text("jwt-secret");
    Optional<URI> jwksUrl = s.text("jwt-jwks-url").flatMap(u -> uri(s, "jwt-jwks-url", u));
    Optional<Path> jwksFile = s.text("jwt-jwks-file").map(Path::of);
    Optional<String> issuer = s.text("jwt-issuer");
    Set<String> audiences = new LinkedHashSet<>(s.list("jwt-audience"));
    List<String> algorithms = s.list("jwt-algorithms");
    int sources =
        (secret.isPresent() ? 1 : 0)
            + (jwksUrl.isPresent() ? 1 : 0)
            + (jwksFile.isPresent() ? 1 : 0);
    if (sources > 1) {
      s.problem("configure one of --jwt-secret, --jwt-jwks-url, --jwt-jwks-file, not several");
    }
    if (secret.isPresent()) {
      if (secret.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
        s.problem("--jwt-secret / CHAT_JWT_SECRET must be at least 32 bytes for HS256");
      }
      return new SharedSecret(secret.get(), issuer, audiences);
    }
    if (jwksUrl.isPresent() || jwksFile.isPresent()) {
      Set<String> algs =
          new LinkedHashSet<>(algorithms.isEmpty() ? List.of("RS256", "ES256") : algorithms);
      for (String alg : algs) {
        if (!alg.equals("RS256") && !alg.equals("ES256")) {
          s.problem("--jwt-algorithms / CHAT_JWT_ALGORITHMS: " + alg + " is not RS256 or ES256");
        }
      }
      if (jwksFile.isPresent() && !Files.isReadable(jwksFile.get())) {
        s.problem("--jwt-jwks-file / CHAT_JWT_JWKS_FILE: cannot read " + jwksFile.get());
      }
      return new Jwks(jwksUrl, jwksFile, algs, issuer, audiences);
    }
    if (issuer.isPresent() || !audiences.isEmpty() || !algorithms.isEmpty()) {
      s.problem(
          "--jwt-issuer, --jwt-audience and --jwt-algorithms need --jwt-secret, --jwt-jwks-url or --jwt-jwks-file");
    }
    return new Development();
  }

  /**
   * The reactions allowed ({@code --reactions}, a comma list; none: any single emoji). Each is one
   * to {@link MessageRules#MAX_EMOJI_LENGTH} chars without spaces or control characters, so that it
   * fits in a request path and a store key.
   */
  private static Set<String> reactions(Settings s) {
    Set<String> allowed = new LinkedHashSet<>();
    for (String emoji : s.list("reactions")) {
      if (emoji.length() > MessageRules.MAX_EMOJI_LENGTH
          || emoji
              .codePoints()
              .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        s.problem(
            "--reactions / CHAT_REACTIONS: '"
                + emoji
                + "' is not a reaction (at most "
                + MessageRules.MAX_EMOJI_LENGTH
                + " characters, no spaces)");
      } else {
        allowed.add(emoji);
      }
    }
    return allowed;
  }

  private static Optional<URI> uri(Settings s, String flag, String value) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    s.problem("--" + flag + " / " + Settings.envName(flag) + " must be an http(s) URL");
    return Optional.empty();
  }

  /** Start-up refused: every problem with the settings, one per line. */
  static final class ConfigException extends RuntimeException {
    private final List<String> problems;

    ConfigException(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }
}
