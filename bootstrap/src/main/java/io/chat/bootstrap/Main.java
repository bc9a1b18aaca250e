package io.chat.bootstrap;

import io.chat.adapter.sqlite.SqliteStore;
import io.chat.domain.user.UserId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The standalone server: {@code java -jar chat-server.jar [--setting value ...]} runs it, {@code
 * java -jar chat-server.jar token <userId> [--admin] [--name "Full Name"]} mints a development
 * token, {@code java -jar chat-server.jar check [--setting value ...]} starts with the settings,
 * asks {@code /health} and stops (the build records the server's class-data archive from it).
 */
public final class Main {
  private Main() {}

  /**
   * Jetty's queues pad their slots by the number of references in a cache line; unless told, Jetty
   * asks the JVM whether references are compressed through the platform MBean server, whose
   * creation costs ~50 ms of a ~0.9 s start. References are compressed on heaps under 32 GB (the
   * JVM's default), which is Jetty's own answer when that question fails: 64-byte lines, 16.
   */
  static final String JETTY_REFERENCES_PER_CACHE_LINE =
      "org.eclipse.jetty.util.referencesPerCacheLine";

  /** Sets what Jetty would otherwise find out slowly, unless the command line set it already. */
  static void presetJetty(Properties properties) {
    properties.putIfAbsent(JETTY_REFERENCES_PER_CACHE_LINE, "16");
  }

  public static void main(String[] args) {
    presetJetty(System.getProperties());
    Map<String, String> env = System.getenv();
    List<String> arguments = Arrays.asList(args);
    if (!arguments.isEmpty() && arguments.get(0).equals("token")) {
      System.exit(token(arguments.subList(1, arguments.size()), env, System.out, System.err));
    }
    boolean check = !arguments.isEmpty() && arguments.get(0).equals("check");
    if (check) {
      arguments = arguments.subList(1, arguments.size());
    }
    if (arguments.contains("--help") || arguments.contains("-h")) {
      System.out.println(Usage.TEXT);
      return;
    }
    if (arguments.equals(List.of("--version"))) {
      System.out.println("chat-server " + version());
      return;
    }
    ServerConfig config;
    try {
      config = ServerConfig.read(arguments, env);
    } catch (ServerConfig.ConfigException e) {
      System.err.println("chat-server cannot start:");
      e.problems().forEach(p -> System.err.println("  - " + p));
      System.err.println("Run with --help for every setting.");
      System.exit(2);
      return;
    }
    if (config.jsonLogs()) {
      // Must happen before the first logger is made.
      System.setProperty(LogSetup.JSON_PROPERTY, "true");
    }
    ChatServer server;
    try {
      StartupProblem.checkPort(config);
      server = ChatServer.start(config);
    } catch (StartupProblem e) {
      System.err.println("chat-server cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (check) {
      banner(config, server.port(), System.out);
      boolean healthy = healthy(server.port());
      server.close();
      System.out.println(
          healthy
              ? "check passed: the server started, answered /health, stopped"
              : "check failed: /health did not answer 200");
      System.exit(healthy ? 0 : 1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    banner(config, server.port(), System.out);
  }

  /** Whether the server on {@code port} answers {@code GET /health} with 200. */
  private static boolean healthy(int port) {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** This build's version, from the runnable jar's manifest. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "(development build, not from the jar)" : version;
  }

  /**
   * The start-up banner, in one write, ending with the line that says the server is ready (tools
   * and tests wait for it, so everything above it is already out).
   */
  static void banner(ServerConfig config, int port, PrintStream out) {
    String base = "http://localhost:" + port;
    StringBuilder banner = new StringBuilder();
    banner.append(
        config.mongoUri().isPresent()
            ? "store: MongoDB (database " + config.mongoDatabase() + ")\n"
            : "store: embedded, in "
                + config.dataDir().toAbsolutePath().resolve(SqliteStore.FILE_NAME)
                + "\n");
    banner.append("API: ").append(base).append("/api/v1/chat   docs: ").append(base);
    banner.append("/docs   health: ").append(base).append("/health\n");
    if (config.development()) {
      banner.append("Development mode (no JWT verification configured):\n");
      banner.append("  open ").append(base).append("/ in two tabs and pick two demo users,");
      banner.append(" or mint a token (signed with the secret in ");
      banner.append(config.dataDir().toAbsolutePath().resolve(DevMode.SECRET_FILE)).append("):\n");
      banner.append("    ").append(tokenCommand(config.dataDir(), "alice")).append('\n');
      banner.append("  GET ").append(base).append("/dev/users lists the demo users with tokens\n");
      if (config.reachableFromTheNetwork()) {
        banner.append("WARNING: development mode listens on ").append(config.host());
        banner.append(": anyone who reaches port ").append(port);
        banner.append(" can mint tokens, staff included (GET /dev/users). Configure");
        banner.append(" --jwt-secret or a JWKS, or leave --host out to stay on 127.0.0.1.\n");
      }
    }
    banner.append("chat-server listening on ").append(base).append('\n');
    out.print(banner);
    out.flush();
  }

  /**
   * The token command that works from any folder for a server on {@code dataDir}: the jar's
   * absolute path and the data directory's.
   */
  static String tokenCommand(Path dataDir, String user) {
    return "java -jar "
        + runningJar().map(Path::toString).orElse("chat-server.jar")
        + " token "
        + user
        + " --data-dir "
        + dataDir.toAbsolutePath().normalize();
  }

  private static Optional<Path> runningJar() {
    try {
      Path location =
          Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The {@code token} subcommand; answers the process exit status. */
  static int token(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Optional<String> user = Optional.empty();
    boolean admin = false;
    Optional<String> name = Optional.empty();
    String dataDir = env.getOrDefault(Settings.envName("data-dir"), "data");
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--admin")) {
        admin = true;
      } else if (arg.equals("--name") && i + 1 < args.size()) {
        name = Optional.of(args.get(++i));
      } else if (arg.equals("--data-dir") && i + 1 < args.size()) {
        dataDir = args.get(++i);
      } else if (!arg.startsWith("--") && user.isEmpty()) {
        user = Optional.of(arg);
      } else {
        err.println(
            "usage: chat-server.jar token <userId> [--admin] [--name \"Full Name\"] [--data-dir DIR]");
        return 2;
      }
    }
    if (user.isEmpty()) {
      err.println(
          "usage: chat-server.jar token <userId> [--admin] [--name \"Full Name\"] [--data-dir DIR]");
      return 2;
    }
    if (env.keySet().stream().anyMatch(k -> k.startsWith("CHAT_JWT_"))) {
      err.println(
          "JWT verification is configured: tokens come from your identity provider, not from here.");
      return 2;
    }
    UserId id;
    try {
      id = UserId.of(user.get());
    } catch (RuntimeException e) {
      err.println(e.getMessage());
      return 2;
    }
    String secret = DevMode.secretIn(java.nio.file.Path.of(dataDir));
    out.println(
        new io.chat.adapter.jwt.HmacTokens(secret)
            .mint(id, admin, name, java.time.Instant.now(), DevMode.TOKEN_TTL));
    return 0;
  }
}
