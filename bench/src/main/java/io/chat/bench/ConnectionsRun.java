package io.chat.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Idle connections: open N {@code /ws} sockets, hold them, and see what they cost the server. */
final class ConnectionsRun {
  /**
   * The used part of each generation (Serial, Parallel: "def new generation", "tenured generation",
   * ...) or of the whole heap (G1: "garbage-first heap"); not the spaces inside them nor Metaspace.
   * The first "used" alone is the young generation under SerialGC.
   */
  private static final Pattern HEAP_USED =
      Pattern.compile("(?:generation|heap|gen)\\s+total \\d+K, used (\\d+)K");

  private final BenchConfig config;
  private final String url;
  private final Optional<Long> pid;
  private final Main.Users users;

  ConnectionsRun(BenchConfig config, String url, Optional<Long> pid, Main.Users users) {
    this.config = config;
    this.url = url;
    this.pid = pid;
    this.users = users;
  }

  boolean run(Map<String, Object> report) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60))
            .build();
    int n = config.connections();
    Delivery ignore = (sent, chatId, cmid, seq) -> {};
    report.put("connections", n);
    report.put("memoryFrom", pid.isPresent() ? "process (/proc, jcmd)" : "/metrics");
    report.put("before", measure(http));
    List<WsClient> clients = new ArrayList<>();
    long[] handshakeMicros = new long[n];
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    List<CompletableFuture<?>> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      long began = System.nanoTime();
      batch.add(
          WsClient.connect(http, url, users.tokens().get(i), config.compact(), ignore)
              .handle(
                  (client, error) -> {
                    handshakeMicros[index] = (System.nanoTime() - began) / 1000;
                    if (error != null) {
                      if (failed.incrementAndGet() <= 3) {
                        System.err.println("connect failed: " + error);
                      }
                    } else {
                      synchronized (clients) {
                        clients.add(client);
                      }
                    }
                    return null;
                  }));
      if (batch.size() == config.connectConcurrency()) {
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        batch.clear();
      }
    }
    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    double connectSeconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(handshakeMicros);
    report.put("connected", clients.size());
    report.put("connectFailed", failed.get());
    report.put("connectSeconds", LoadRun.round(connectSeconds));
    report.put("connectsPerSecond", LoadRun.round(clients.size() / connectSeconds));
    report.put(
        "handshakeMs",
        Map.of(
            "p50", LoadRun.round(handshakeMicros[n / 2] / 1000.0),
            "p99", LoadRun.round(handshakeMicros[Math.min(n - 1, (int) (n * 0.99))] / 1000.0),
            "max", LoadRun.round(handshakeMicros[n - 1] / 1000.0)));
    TimeUnit.MILLISECONDS.sleep((long) (config.holdSeconds() * 1000));
    long open = clients.stream().filter(WsClient::isOpen).count();
    report.put("heldSeconds", config.holdSeconds());
    report.put("stillOpen", open);
    Map<String, Object> after = measure(http);
    report.put("after", after);
    @SuppressWarnings("unchecked")
    Map<String, Object> before = (Map<String, Object>) report.get("before");
    for (String key : List.of("heapUsedBytes", "heapAfterGcBytes", "rssBytes")) {
      if (before.get(key) instanceof Long b && after.get(key) instanceof Long a && open > 0) {
        report.put(key.replace("Bytes", "") + "PerConnectionBytes", (a - b) / open);
      }
    }
    clients.forEach(WsClient::close);
    return failed.get() == 0 && open == clients.size();
  }

  private Map<String, Object> measure(HttpClient http) {
    Map<String, Object> figures = ServerMemory.sample(http, url, pid);
    pid.ifPresent(p -> heapAfterFullGc(p).ifPresent(h -> figures.put("heapAfterGcBytes", h)));
    return figures;
  }

  /** Heap in use right after a full collection (jcmd), the fairest figure for what sockets keep. */
  private static Optional<Long> heapAfterFullGc(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      run(jcmd, pid, "GC.run");
      String info = run(jcmd, pid, "GC.heap_info");
      Matcher m = HEAP_USED.matcher(info);
      long used = 0;
      boolean found = false;
      while (m.find()) {
        used += Long.parseLong(m.group(1));
        found = true;
      }
      return found ? Optional.of(1024L * used) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static String run(Path jcmd, long pid, String command) throws Exception {
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.append(line).append('\n');
      }
    }
    process.waitFor(60, TimeUnit.SECONDS);
    return out.toString();
  }
}
