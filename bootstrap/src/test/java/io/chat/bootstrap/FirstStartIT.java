package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a newcomer first meets it: where development mode listens, the token command
 * it prints, the hint for a token of another data directory, and one sentence (exit 2, nothing
 * created) when the port or the data directory is taken.
 */
class FirstStartIT {
  private static final Pattern TOKEN_COMMAND =
      Pattern.compile("(?m)^ +(java -jar (\\S+) token alice --data-dir (\\S+))$");

  @TempDir Path dataDir;
  @TempDir Path elsewhere;

  @Test
  void developmentModeListensOnLoopbackAndPrintsATokenCommandThatWorksFromAnyFolder()
      throws Exception {
    try (ServerProcess server =
        ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dataDir.toString())) {
      assertThat(server.output()).doesNotContain("WARNING");
      assertThat(listeningAddresses(server)).containsExactly("127.0.0.1");

      Matcher command = TOKEN_COMMAND.matcher(server.output());
      assertThat(command.find()).as(server.output()).isTrue();
      assertThat(Path.of(command.group(2)))
          .isAbsolute()
          .isEqualTo(ServerProcess.jar().toAbsolutePath());
      assertThat(Path.of(command.group(3))).isAbsolute().isEqualTo(dataDir.toAbsolutePath());

      // Run exactly the printed command, from another folder: its token is accepted.
      List<String> words = Arrays.asList(command.group(1).split(" "));
      Process process =
          new ProcessBuilder(words).directory(elsewhere.toFile()).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(out).isZero();
      String token = out.strip();
      new Rest(server.base(), token).expect(200, "GET", "/api/v1/chat", null);
      assertThat(elsewhere).isEmptyDirectory();

      // A token minted over another data directory gets a 401 that says what is likely wrong.
      String foreign = ServerProcess.token(elsewhere.resolve("data"), "alice");
      Rest.Reply refused = new Rest(server.base(), foreign).get("/api/v1/chat");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.body().path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
      assertThat(refused.body().path("error").path("message").asText())
          .contains("signed with a different development secret?");
      Rest.Reply garbage = new Rest(server.base(), "not-a-token").get("/api/v1/chat");
      assertThat(garbage.status()).isEqualTo(401);
      assertThat(garbage.body().path("error").path("message").asText())
          .doesNotContain("development secret");
      assertThat(server.terminate(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void developmentModeOnAnExplicitNetworkHostSaysLoudlyThatAnyoneCanMintTokens() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            Map.of(), "--host", "0.0.0.0", "--port", "0", "--data-dir", dataDir.toString())) {
      assertThat(server.output())
          .containsPattern("(?m)^WARNING: development mode listens on 0\\.0\\.0\\.0: anyone who")
          .contains("can mint tokens, staff included");
      assertThat(server.terminate(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void aTakenPortIsOneSentenceWithStatusTwoAndCreatesNoDataDirectory() throws IOException {
    Path notYet = dataDir.resolve("fresh");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();

      ServerProcess.Finished done =
          ServerProcess.run(
              Map.of(), "--port", String.valueOf(port), "--data-dir", notYet.toString());

      assertThat(done.status()).as(done.output()).isEqualTo(2);
      assertThat(done.output().strip())
          .isEqualTo(
              "chat-server cannot start: port "
                  + port
                  + " is taken: stop the other process or use --port (0 picks a free one)");
      assertThat(notYet).doesNotExist();
    }
  }

  @Test
  void aDataDirectoryInUseByAnotherServerIsOneSentenceWithStatusTwo() throws Exception {
    try (ServerProcess first =
        ServerProcess.start(Map.of(), "--port", "0", "--data-dir", dataDir.toString())) {
      ServerProcess.Finished second =
          ServerProcess.run(Map.of(), "--port", "0", "--data-dir", dataDir.toString());

      assertThat(second.status()).as(second.output()).isEqualTo(2);
      assertThat(second.output())
          .contains("chat-server cannot start: another server is using " + dataDir)
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      // The first one is unharmed.
      new Rest(first.base(), ServerProcess.token(dataDir, "bob"))
          .expect(200, "GET", "/api/v1/chat", null);
      assertThat(first.terminate(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void theSqliteLibraryIsCopiedToTheUsersCacheOnceAndLoadedFromThereOnEveryStart()
      throws Exception {
    Path cache = elsewhere.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    for (int start = 0; start < 2; start++) {
      try (ServerProcess server =
          ServerProcess.start(env, "--port", "0", "--data-dir", dataDir.toString())) {
        List<String> loaded =
            Files.readAllLines(Path.of("/proc", String.valueOf(server.process().pid()), "maps"))
                .stream()
                .filter(line -> line.contains("sqlitejdbc"))
                .map(line -> line.substring(line.indexOf('/')))
                .distinct()
                .toList();
        assertThat(loaded).hasSize(1);
        assertThat(Path.of(loaded.get(0))).startsWith(cache.resolve("chat-server"));
        assertThat(server.terminate(Duration.ofSeconds(30))).isTrue();
      }
    }
    try (var files = Files.walk(cache)) {
      assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
    }
  }

  @Test
  void versionPrintsTheBuildsVersionAndExits() throws IOException {
    ServerProcess.Finished done = ServerProcess.run(Map.of(), "--version");

    assertThat(done.status()).isZero();
    assertThat(done.output().strip()).matches("chat-server \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void checkStartsAsksHealthAndStopsWithStatusZero() throws IOException {
    Path dir = dataDir.resolve("checked");

    ServerProcess.Finished done =
        ServerProcess.run(Map.of(), "check", "--port", "0", "--data-dir", dir.toString());

    assertThat(done.status()).as(done.output()).isZero();
    assertThat(done.output())
        .contains("chat-server listening on http://localhost:")
        .contains("check passed: the server started, answered /health, stopped");
    assertThat(dir.resolve("chat.db")).exists();
  }

  @Test
  void checkWithABadSettingSaysWhatIsWrongWithStatusTwo() throws IOException {
    ServerProcess.Finished done = ServerProcess.run(Map.of(), "check", "--port", "nine");

    assertThat(done.status()).as(done.output()).isEqualTo(2);
    assertThat(done.output()).contains("chat-server cannot start:").doesNotContain("listening");
  }

  /** How /proc writes ::ffff:a.b.c.d, where the JDK listens on IPv4 through an IPv6 socket. */
  private static final String V4_MAPPED = "0000000000000000FFFF0000";

  /** The local addresses (IPv4 dotted, IPv6 as /proc's hex) listening on the server's port. */
  private static List<String> listeningAddresses(ServerProcess server) throws IOException {
    String hexPort = String.format(":%04X", server.port());
    Path net = Path.of("/proc", String.valueOf(server.process().pid()), "net");
    return java.util.stream.Stream.of("tcp", "tcp6")
        .flatMap(
            table -> {
              try {
                return Files.readAllLines(net.resolve(table)).stream().skip(1);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .map(line -> line.trim().split("\\s+"))
        .filter(f -> f[1].endsWith(hexPort) && f[3].equals("0A")) // 0A: LISTEN
        .map(f -> f[1].substring(0, f[1].indexOf(':')))
        .map(address -> address.startsWith(V4_MAPPED) ? address.substring(24) : address)
        .map(address -> address.length() == 8 ? ipv4(address) : address)
        .distinct()
        .toList();
  }

  private static String ipv4(String littleEndianHex) {
    long v = Long.parseLong(littleEndianHex, 16);
    return (v & 0xff)
        + "."
        + ((v >> 8) & 0xff)
        + "."
        + ((v >> 16) & 0xff)
        + "."
        + ((v >> 24) & 0xff);
  }
}
