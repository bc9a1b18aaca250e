package io.chat.adapter.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} as a child process of the test, on a free port of the loopback, with
 * nothing saved to disk unless a test saves; and the faults of later tests: kill -9, SIGSTOP /
 * SIGCONT, restart on the same port, connections killed by name. Without {@code
 * /usr/bin/redis-server} a test is skipped, saying why; where the environment says {@code CI=true}
 * it fails instead, so that CI never skips these tests. Shared: other modules' tests use it through
 * this module's test-jar.
 */
public final class RedisServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/redis-server");
  private static final String READY = "Ready to accept connections";
  private static final long START_SECONDS = 20;

  private final int port;
  private final Path directory;
  private final Deque<String> output = new ArrayDeque<>();
  private Process process;
  private boolean paused;

  private RedisServer(int port, Path directory) {
    this.port = port;
    this.directory = directory;
  }

  /** A new server on a free port, ready; skipped (or failed in CI) without redis-server. */
  public static RedisServer start() {
    requireBinary();
    IOException lastRace = null;
    // A free port found now may be taken before the server binds it: try another then.
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        RedisServer server =
            new RedisServer(freePort(), Files.createTempDirectory("redis-server-test"));
        server.launch();
        return server;
      } catch (PortTakenException e) {
        lastRace = e;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new UncheckedIOException("no free port for redis-server", lastRace);
  }

  private static void requireBinary() {
    require(BINARY, System.getenv("CI"));
  }

  /** Returns when {@code binary} can run; else skips the test, or fails it when {@code ci}. */
  static void require(Path binary, String ci) {
    if (Files.isExecutable(binary)) {
      return;
    }
    String message =
        binary + " is not installed (apt-get install -y redis-server): the Redis tests need it";
    if ("true".equalsIgnoreCase(ci)) {
      fail(message + "; in CI they must run, never skip");
    }
    Assumptions.abort(message + "; skipped");
  }

  public int port() {
    return port;
  }

  /** The URI a client connects with. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The process id of the running server. */
  public long pid() {
    return running().pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** kill -9: the server dies at once, its data with it (nothing is saved). */
  public synchronized void kill() {
    Process current = running();
    if (paused) {
      signal("CONT");
      paused = false;
    }
    current.destroyForcibly();
    awaitExit(current);
  }

  /** SIGSTOP: the server keeps its connections open and answers nothing until {@link #resume}. */
  public synchronized void pause() {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT after {@link #pause}. */
  public synchronized void resume() {
    signal("CONT");
    paused = false;
  }

  /**
   * Starts the server again on the same port, killing it first if it runs: empty, or with the data
   * of the last {@link #save}.
   */
  public synchronized void restart() {
    if (isRunning()) {
      kill();
    }
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code SAVE}: a snapshot of the data now, which the next {@link #restart} loads (nothing is
   * saved otherwise), as a Redis that persists its data restarts with what it last wrote.
   */
  public void save() {
    withClient(redis -> redis.save());
  }

  /**
   * {@code CLIENT KILL} of every connection named {@code clientName} (as the client set it), the
   * server running on; answers how many were killed.
   */
  public int killClientsNamed(String clientName) {
    return withClient(
        redis -> {
          int killed = 0;
          for (long id : clientIds(redis, clientName)) {
            killed += redis.clientKill(KillArgs.Builder.id(id)).intValue();
          }
          return killed;
        });
  }

  /** How many connections named {@code clientName} the server has. */
  public int clientsNamed(String clientName) {
    return withClient(redis -> clientIds(redis, clientName).size());
  }

  private static List<Long> clientIds(RedisCommands<String, String> redis, String clientName) {
    List<Long> ids = new ArrayList<>();
    for (String line : redis.clientList().split("\r?\n")) {
      Map<String, String> fields = new HashMap<>();
      for (String field : line.split(" ")) {
        int equals = field.indexOf('=');
        if (equals > 0) {
          fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
      }
      if (clientName.equals(fields.get("name"))) {
        ids.add(Long.parseLong(fields.get("id")));
      }
    }
    return ids;
  }

  private <T> T withClient(Function<RedisCommands<String, String>, T> work) {
    RedisClient client = RedisClient.create(uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return work.apply(connection.sync());
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and removes its directory. */
  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      if (paused) {
        signal("CONT");
        paused = false;
      }
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          awaitExit(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is no reason to fail a test.
    }
  }

  private synchronized void launch() throws IOException {
    Process started =
        new ProcessBuilder(
                List.of(
                    BINARY.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    directory.toString(),
                    "--daemonize",
                    "no"))
            .redirectErrorStream(true)
            .start();
    // A test JVM that ends without closing the server does not leave it running.
    ProcessHandle handle = started.toHandle();
    Runtime.getRuntime().addShutdownHook(new Thread(handle::destroyForcibly));
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(() -> readOutput(started, ready), "redis-server-" + port + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.get(START_SECONDS, TimeUnit.SECONDS)) {
        String log = log();
        if (log.contains("Address already in use")) {
          throw new PortTakenException(port);
        }
        throw new IllegalStateException("redis-server did not start:\n" + log);
      }
    } catch (TimeoutException e) {
      started.destroyForcibly();
      throw new IllegalStateException(
          "redis-server not ready within " + START_SECONDS + " s:\n" + log(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.destroyForcibly();
      throw new IllegalStateException(e);
    }
    process = started;
    paused = false;
  }

  /** Reads the server's log to its end: tells when it is ready, keeps the last lines. */
  private void readOutput(Process started, CompletableFuture<Boolean> ready) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (output) {
          output.addLast(line);
          if (output.size() > 50) {
            output.removeFirst();
          }
        }
        if (line.contains(READY)) {
          ready.complete(true);
        }
      }
    } catch (IOException e) {
      // The stream closes when the process dies.
    }
    ready.complete(false);
  }

  private String log() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(running().pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Process running() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("redis-server is not running on port " + port);
    }
    return process;
  }

  private static void awaitExit(Process process) {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** The port was taken between finding it free and the server binding it. */
  private static final class PortTakenException extends IOException {
    PortTakenException(int port) {
      super("port " + port + " was taken");
    }
  }
}
