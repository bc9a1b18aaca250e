package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar started as a separate process, with its output collected line by line. */
final class ServerProcess implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern LISTENING =
      Pattern.compile("chat-server listening on http://localhost:(\\d+)");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final CompletableFuture<Void> outputClosed = new CompletableFuture<>();

  private ServerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "server-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** The jar that failsafe points at; the tests run after {@code package}. */
  static Path jar() {
    String path = System.getProperty("chat.server.jar");
    assertThat(path)
        .as("system property chat.server.jar (set by the failsafe configuration)")
        .isNotNull();
    Path jar = Path.of(path);
    assertThat(jar).as("the runnable jar; build it with ./mvnw package").exists();
    return jar;
  }

  /**
   * {@code java -jar chat-server.jar args...}, without any {@code CHAT_*} from this environment,
   * with the class-data archive the build made beside the jar, required ({@code -Xshare:on}: the
   * JVM refuses to start when the archive does not fit the jar, so every test here checks it).
   */
  static ProcessBuilder command(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Xshare:on");
    command.add("-XX:SharedArchiveFile=" + jar().resolveSibling("chat-server.jsa"));
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("CHAT_"));
    builder.environment().putAll(env);
    return builder;
  }

  /** Starts the server and waits for its banner. */
  static ServerProcess start(Map<String, String> env, String... args) {
    ServerProcess server;
    try {
      server = new ServerProcess(command(env, args).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      server.port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      server.process.destroyForcibly();
      throw new AssertionError("no banner; output:\n" + server.output(), e);
    }
    return server;
  }

  /** Runs a command of the jar to its end: exit status and everything it printed. */
  static Finished run(Map<String, String> env, String... args) {
    try {
      Process process = command(env, args).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: " + out).isTrue();
      return new Finished(process.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What a finished command left. */
  record Finished(int status, String output) {}

  /** A development token minted by the {@code token} subcommand over the same data directory. */
  static String token(Path dataDir, String userId, String... extra) {
    List<String> args = new ArrayList<>(List.of("token", userId, "--data-dir", dataDir.toString()));
    args.addAll(List.of(extra));
    Finished done = run(Map.of(), args.toArray(String[]::new));
    assertThat(done.status()).as(done.output()).isZero();
    String[] lines = done.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.add(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // the process went away; what was read is kept
    } finally {
      port.completeExceptionally(new IllegalStateException("the server exited before its banner"));
      outputClosed.complete(null);
    }
  }

  int port() {
    return port.join();
  }

  String base() {
    return "http://localhost:" + port();
  }

  String output() {
    return String.join("\n", output);
  }

  Process process() {
    return process;
  }

  /** SIGTERM, then waits for the exit and for the last line of output. */
  boolean terminate(Duration within) throws InterruptedException {
    // Not process.destroy(): it closes our end of the pipes too, losing the shutdown log.
    assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    boolean exited = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    if (exited) {
      try {
        outputClosed.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // output still open after exit: assertions on it will say what is missing
      }
    }
    return exited;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  static Path tempDataDir(String prefix) {
    try {
      Path target = Path.of(System.getProperty("chat.target.dir", "target"));
      Files.createDirectories(target);
      return Files.createTempDirectory(target, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
