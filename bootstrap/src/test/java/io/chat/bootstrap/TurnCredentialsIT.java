package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TURN credentials of {@code GET /api/v1/calls/ice-servers}, checked by a real coturn: Debian's
 * {@code turnserver} with {@code use-auth-secret} runs as a child process on a free port, the
 * server is started with the same secret (from a file), and {@code turnutils_uclient} allocates
 * relays with what the server answered, and fails to with a wrong or an expired credential.
 */
class TurnCredentialsIT {
  private static final Path TURNSERVER =
      Path.of(System.getProperty("chat.turnserver", "/usr/bin/turnserver"));
  private static final Path UCLIENT =
      Path.of(System.getProperty("chat.turnutils-uclient", "/usr/bin/turnutils_uclient"));
  private static final String SECRET = "it-secret-" + Long.toHexString(System.nanoTime());
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dataDir;
  @TempDir Path turnDir;

  @BeforeEach
  void coturnIsThere() {
    boolean there = Files.isExecutable(TURNSERVER) && Files.isExecutable(UCLIENT);
    String missing =
        "no coturn at "
            + TURNSERVER
            + " with "
            + UCLIENT
            + ". To run it, install it (Debian: apt-get install coturn, as .ci/run does) or point"
            + " -Dchat.turnserver and -Dchat.turnutils-uclient at them.";
    // CI must run it: there a missing coturn is a broken machine, not a reason to skip.
    assertThat(there || !"true".equalsIgnoreCase(System.getenv("CI")))
        .as("TurnCredentialsIT cannot run where CI=true: " + missing)
        .isTrue();
    if (!there) {
      System.out.println("[WARNING] TurnCredentialsIT skipped: " + missing);
    }
    Assumptions.assumeTrue(there, "TurnCredentialsIT skipped: " + missing);
  }

  @Test
  void coturnAllocatesWithTheServersCredentialsAndRefusesWrongOrExpiredOnes() throws Exception {
    int turnPort = freeUdpPort();
    Path secretFile = turnDir.resolve("turn-secret");
    Files.writeString(secretFile, SECRET + "\n");
    try (Coturn coturn = Coturn.start(turnPort, turnDir);
        ServerProcess server =
            ServerProcess.start(
                Map.of(),
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data-dir",
                dataDir.toString(),
                "--stun-urls",
                "stun:127.0.0.1:" + turnPort,
                "--turn-urls",
                "turn:127.0.0.1:" + turnPort + "?transport=udp",
                "--turn-secret-file",
                secretFile.toString(),
                "--turn-ttl",
                "600")) {
      Rest alice = new Rest(server.base(), ServerProcess.token(dataDir, "alice"));

      JsonNode data = alice.expect(200, "GET", "/api/v1/calls/ice-servers", null);

      assertThat(data.path("ttlSeconds").asLong()).isEqualTo(600);
      JsonNode servers = data.path("iceServers");
      assertThat(servers).hasSize(2);
      assertThat(servers.get(0).path("urls").get(0).asText())
          .isEqualTo("stun:127.0.0.1:" + turnPort);
      JsonNode turn = servers.get(1);
      String username = turn.path("username").asText();
      String credential = turn.path("credential").asText();
      assertThat(username).endsWith(":alice");
      long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
      assertThat(expiry)
          .isBetween(Instant.now().getEpochSecond() + 500, Instant.now().getEpochSecond() + 700);
      assertThat(server.output()).doesNotContain(SECRET);

      Allocation allowed = allocate(turnPort, username, credential);
      assertThat(allowed.status()).as(allowed.output()).isZero();
      // Two clients each got a relay and passed packets through coturn to the other.
      assertThat(allowed.output()).contains("tot_recv_msgs=2").contains("Total lost packets 0");

      String tampered = (credential.charAt(0) == 'A' ? "B" : "A") + credential.substring(1);
      Allocation wrong = allocate(turnPort, username, tampered);
      assertThat(wrong.status()).as(wrong.output()).isNotZero();
      assertThat(wrong.output()).contains("Cannot complete Allocation");

      // Another user's name with alice's credential is refused too.
      Allocation stolen = allocate(turnPort, expiry + ":bob", credential);
      assertThat(stolen.status()).as(stolen.output()).isNotZero();

      // Signed with the right secret, but expired: coturn reads the expiry the server wrote.
      String expired = (Instant.now().getEpochSecond() - 60) + ":alice";
      Allocation late = allocate(turnPort, expired, sign(expired));
      assertThat(late.status()).as(late.output()).isNotZero();
      assertThat(late.output()).contains("Cannot complete Allocation");
      // coturn logs the refusal on its own thread: wait for the line rather than read at once.
      coturn.awaitLine("Cannot find credentials of user <" + expired + ">", WAIT);
    }
  }

  private static String sign(String username) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
  }

  record Allocation(int status, String output) {}

  /**
   * Two clients that allocate relays on coturn and send each other one packet through them ({@code
   * -y}: client to client, no outside peer needed).
   */
  private static Allocation allocate(int port, String username, String password)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                UCLIENT.toString(),
                "-p",
                String.valueOf(port),
                "-u",
                username,
                "-w",
                password,
                "-y",
                "-c",
                "-n",
                "1",
                "-m",
                "1",
                "127.0.0.1")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("turnutils_uclient did not finish");
    }
    return new Allocation(process.exitValue(), output.join());
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Debian's coturn as a child process on 127.0.0.1, its output collected. */
  private static final class Coturn implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private Coturn(Process process) {
      this.process = process;
      Thread reader = new Thread(this::read, "coturn-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Coturn start(int port, Path dir) throws IOException {
      List<String> command =
          new ArrayList<>(
              List.of(
                  TURNSERVER.toString(),
                  "-n",
                  "--listening-ip=127.0.0.1",
                  "--relay-ip=127.0.0.1",
                  "--listening-port=" + port,
                  "--use-auth-secret",
                  "--static-auth-secret=" + SECRET,
                  "--realm=chat.test",
                  "--no-tls",
                  "--no-dtls",
                  "--no-cli",
                  // The clients of this test are on loopback: let relays reach them.
                  "--allow-loopback-peers",
                  "--userdb=" + dir.resolve("turndb"),
                  "--pidfile=" + dir.resolve("turnserver.pid"),
                  "--log-file=stdout",
                  "--simple-log"));
      Coturn coturn = new Coturn(new ProcessBuilder(command).redirectErrorStream(true).start());
      try {
        coturn.ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        coturn.close();
        throw new AssertionError("coturn did not start; output:\n" + coturn.output(), e);
      }
      return coturn;
    }

    private void read() {
      try (var in =
          new java.io.BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          output.add(line);
          synchronized (this) {
            notifyAll();
          }
          if (line.contains("Total General servers")) {
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      ready.completeExceptionally(new IllegalStateException("coturn exited"));
    }

    String output() {
      return String.join("\n", output);
    }

    /**
     * Waits until coturn has written a line containing {@code fragment}, at most {@code timeout}.
     */
    synchronized void awaitLine(String fragment, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (output.stream().noneMatch(line -> line.contains(fragment))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("coturn never wrote \"" + fragment + "\"; output:\n" + output());
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
