package io.chat.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat.adapter.jwt.HmacTokens;
import io.chat.application.port.out.AccessTokens;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.application.port.out.UserDirectory;
import io.chat.application.service.ChatServices;
import io.chat.domain.shared.Failures;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Development mode, when no token verification is configured: the server keeps its own HS256 secret
 * in the data directory, seeds a few demo users and the support agent, and tells the browser client
 * who they are (with fresh tokens) at {@code GET /dev/users}.
 */
final class DevMode {
  static final String SECRET_FILE = "dev-secret";
  static final Duration TOKEN_TTL = Duration.ofHours(24);
  static final String FOREIGN_TOKEN =
      "Invalid token: signed with a different development secret? Mint one with the token command"
          + " this server printed at start-up (it names its --data-dir), or GET /dev/users";

  /** A demo person: id, name, and whether they are staff. */
  record DemoUser(UserId id, String fullName, boolean admin) {}

  static final List<DemoUser> DEMO_USERS =
      List.of(
          new DemoUser(UserId.of("alice"), "Alice Martin", false),
          new DemoUser(UserId.of("bob"), "Bob Chen", false),
          new DemoUser(UserId.of("carol"), "Carol Diaz", false),
          new DemoUser(UserId.of("sam"), "Sam (Support)", true));

  private final ServerConfig config;
  private final String secret;
  private final HmacTokens tokens;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  private DevMode(ServerConfig config, String secret, Clock clock) {
    this.config = config;
    this.secret = secret;
    this.tokens = new HmacTokens(secret);
    this.clock = clock;
  }

  /** Development mode over the data directory, creating the secret on first start. */
  static DevMode open(ServerConfig config, Clock clock) {
    return new DevMode(config, secretIn(config.dataDir()), clock);
  }

  /** The secret kept in {@code dataDir}, made (readable by its owner only) when missing. */
  static String secretIn(Path dataDir) {
    Path file = dataDir.resolve(SECRET_FILE);
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      String secret = HmacTokens.randomSecret();
      Path tmp = Files.createTempFile(dataDir, SECRET_FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data directory's own permissions have to do
      }
      Files.writeString(tmp, secret, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the development secret in " + file, e);
    }
  }

  String secret() {
    return secret;
  }

  /**
   * {@code verifier}, except that a token signed with another development secret (another data
   * directory's) is refused with a hint instead of a bare "Invalid token".
   */
  AccessTokens hintingForeignTokens(AccessTokens verifier) {
    return token ->
        verifier
            .verify(token)
            .exceptionallyCompose(
                failure -> {
                  Throwable cause = Failures.unwrapped(failure);
                  return CompletableFuture.failedFuture(
                      cause instanceof InvalidTokenException
                              && tokens.signedWithAnotherSecret(token)
                          ? new InvalidTokenException(FOREIGN_TOKEN)
                          : failure);
                });
  }

  String mint(UserId user, boolean admin, Optional<String> name) {
    return tokens.mint(user, admin, name, clock.instant(), TOKEN_TTL);
  }

  /** Registers the demo users' profiles (start-up only, so it may wait). */
  void seed(ChatServices services, UserDirectory users) {
    for (DemoUser demo : DEMO_USERS) {
      try {
        users
            .save(new UserProfile(demo.id(), demo.fullName(), Optional.empty(), true))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot seed the demo users", e);
      }
    }
  }

  /** Adds {@code GET /dev/users}: the demo users with fresh tokens, and the desk's id and name. */
  void install(JavalinConfig javalin) {
    javalin.routes.get(
        "/dev/users",
        ctx -> {
          List<Map<String, Object>> users = new ArrayList<>();
          for (DemoUser demo : DEMO_USERS) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("_id", demo.id().value());
            user.put("fullName", demo.fullName());
            user.put("role", demo.admin() ? "admin" : "user");
            user.put("token", mint(demo.id(), demo.admin(), Optional.of(demo.fullName())));
            users.add(user);
          }
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("users", users);
          data.put("systemUserId", config.systemUser().id().value());
          data.put("systemUserName", config.systemUser().displayName());
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("success", true);
          body.put("message", "Demo users");
          body.put("data", data);
          ctx.contentType("application/json").result(json.writeValueAsBytes(body));
        });
  }
}
