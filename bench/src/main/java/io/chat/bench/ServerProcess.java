package io.chat.bench;

import io.chat.adapter.mongo.EmbeddedMongo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A chat server the bench starts itself: development mode in a temporary data directory, with the
 * per-user limits (sends, REST reads and requests at once) lifted so that the load measures the
 * server and not the limiter.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final Process process;
  private final Path dataDir;
  private final String url;
  private final EmbeddedMongo memoryStore;

  private ServerProcess(Process process, Path dataDir, String url, EmbeddedMongo memoryStore) {
    this.process = process;
    this.dataDir = dataDir;
    this.url = url;
    this.memoryStore = memoryStore;
  }

  static ServerProcess start(Path jar, List<String> jvmArgs) throws Exception {
    return start(jar, jvmArgs, false);
  }

  /** With {@code memoryStore}, the server uses an in-memory embedded store in this process. */
  static ServerProcess start(Path jar, List<String> jvmArgs, boolean memoryStore) throws Exception {
    EmbeddedMongo store = memoryStore ? EmbeddedMongo.inMemory() : null;
    List<String> settings =
        store == null ? List.of() : List.of("--mongo-uri", store.connectionString());
    return start(jar, jvmArgs, settings, store, List.of());
  }

  /**
   * A server with {@code settings} besides the bench's own, its command after {@code prefix} (such
   * as {@code taskset -c 0}); {@code store}, if any, is closed with it.
   */
  static ServerProcess start(
      Path jar,
      List<String> jvmArgs,
      List<String> settings,
      EmbeddedMongo store,
      List<String> prefix)
      throws Exception {
    Path dataDir = Files.createTempDirectory("chat-bench-server");
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--send-burst",
            "100000",
            "--send-per-second",
            "100000",
            // Nor the per-user REST limits: one bench user sends far more than a person would.
            "--http-max-in-flight-per-user",
            "100000",
            "--read-burst",
            "100000",
            "--read-per-second",
            "100000"));
    command.addAll(settings);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int echoed = 0;
                while ((line = lines.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  } else if ((line.contains("ERROR") || line.contains("Exception"))
                      && echoed++ < 20) {
                    // a few lines tell what went wrong; a storm of them would drown the report
                    System.err.println("[server] " + line);
                  }
                }
              } catch (IOException e) {
                url.completeExceptionally(e);
              }
              url.completeExceptionally(new IllegalStateException("the server exited"));
            },
            "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(process, dataDir, url.get(60, TimeUnit.SECONDS), store);
    } catch (Exception e) {
      process.destroyForcibly();
      if (store != null) {
        store.close();
      }
      throw e;
    }
  }

  String url() {
    return url;
  }

  long pid() {
    return process.pid();
  }

  String secret() throws IOException {
    return Files.readString(dataDir.resolve("dev-secret"), StandardCharsets.UTF_8).trim();
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      // asked to stop: the server goes at once, and the interrupt stays for the caller
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (memoryStore != null) {
      memoryStore.close();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
