package io.chat.bench;

import io.chat.adapter.jwt.HmacTokens;
import io.chat.adapter.mongo.EmbeddedMongo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Several servers of one deployment that the bench starts itself: an in-memory MongoDB-compatible
 * store in this process, a {@code redis-server} of its own, and {@code count} nodes sharing both
 * and one JWT secret. With one node, no Redis: the single-node server on the same store, to compare
 * with.
 */
final class Nodes implements AutoCloseable {
  private static final String REDIS = "/usr/bin/redis-server";

  private final EmbeddedMongo store;
  private final Process redis;
  private final List<ServerProcess> servers = new ArrayList<>();
  private final String secret = HmacTokens.randomSecret();

  private Nodes(EmbeddedMongo store, Process redis) {
    this.store = store;
    this.redis = redis;
  }

  /**
   * The servers on core(s) {@code cpus} when given ({@code taskset -c}), Redis with them; a single
   * node shares Redis too when {@code shared} (to measure what the bus costs).
   */
  static Nodes start(Path jar, List<String> jvmArgs, int count, String cpus, boolean shared)
      throws Exception {
    List<String> prefix = cpus.isEmpty() ? List.of() : List.of("taskset", "-c", cpus);
    EmbeddedMongo store = EmbeddedMongo.inMemory();
    Process redis = null;
    Nodes nodes = null;
    try {
      List<String> settings = new ArrayList<>(List.of("--mongo-uri", store.connectionString()));
      if (shared) {
        int port = freePort();
        redis = startRedis(prefix, port);
        settings.addAll(List.of("--redis-uri", "redis://127.0.0.1:" + port));
      }
      nodes = new Nodes(store, redis);
      settings.addAll(List.of("--jwt-secret", nodes.secret, "--host", "127.0.0.1"));
      settings.addAll(List.of("--push-enabled", "false"));
      for (int i = 0; i < count; i++) {
        nodes.servers.add(ServerProcess.start(jar, jvmArgs, settings, null, prefix));
      }
      return nodes;
    } catch (Exception e) {
      if (nodes != null) {
        nodes.close();
      } else {
        if (redis != null) {
          redis.destroyForcibly();
        }
        store.close();
      }
      throw e;
    }
  }

  List<String> urls() {
    return servers.stream().map(ServerProcess::url).toList();
  }

  List<Long> pids() {
    return servers.stream().map(ServerProcess::pid).toList();
  }

  String secret() {
    return secret;
  }

  private static Process startRedis(List<String> prefix, int port) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(REDIS, "--port", String.valueOf(port), "--save", "", "--appendonly", "no"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.contains("Ready to accept connections")) {
                    ready.complete(null);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IllegalStateException("redis-server exited"));
            },
            "redis-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(30, TimeUnit.SECONDS);
      return process;
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    for (ServerProcess server : servers) {
      server.close();
    }
    if (redis != null) {
      redis.destroy();
    }
    store.close();
  }
}
