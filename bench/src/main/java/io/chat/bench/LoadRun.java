package io.chat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Message load: users in pairs, each with its devices connected, sending at a fixed rate whatever
 * the server's pace (open loop), every delivery checked against the ledger.
 */
final class LoadRun {
  private final BenchConfig config;

  /** The servers: one, or the nodes of one deployment, which devices and sends spread over. */
  private final List<String> urls;

  private final Main.Users users;
  private final HttpClient http;
  private final Ledger ledger;
  private final List<WsClient> ws = new ArrayList<>();
  private final List<SioClient> sio = new ArrayList<>();
  private final Map<Integer, WsClient> byUser = new ConcurrentHashMap<>();

  /** CPU ticks of the servers the bench started (none: empty), read when the timed part starts. */
  private final List<Long> serverPids;

  LoadRun(BenchConfig config, List<String> urls, Main.Users users) {
    this(config, urls, users, List.of());
  }

  /** With the servers' processes, whose CPU per timed message the report gives. */
  LoadRun(BenchConfig config, List<String> urls, Main.Users users, List<Long> serverPids) {
    this.serverPids = List.copyOf(serverPids);
    this.config = config;
    this.urls = List.copyOf(urls);
    this.users = users;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    this.ledger =
        new Ledger(
            config.users(), config.devices(), config.groupSize() == 0 ? 2 : config.groupSize());
  }

  boolean run(Map<String, Object> report) throws Exception {
    boolean rest = config.transport().equals("rest-sio");
    int n = config.users();
    int d = config.devices();
    long connectStart = System.nanoTime();
    List<CompletableFuture<?>> connecting = new ArrayList<>();
    for (int u = 0; u < n; u++) {
      for (int dev = 0; dev < d; dev++) {
        int user = u;
        int device = dev;
        Delivery delivery =
            (sent, chatId, cmid, seq) -> ledger.delivered(user, device, sent, chatId, cmid, seq);
        String token = users.tokens().get(u);
        // A user's devices on different nodes, when there are several.
        String url = urls.get((u + dev) % urls.size());
        connecting.add(
            rest
                ? SioClient.connect(url, token, config.compact(), delivery)
                    .thenAccept(c -> add(sio, c))
                : WsClient.connect(http, url, token, config.compact(), delivery)
                    .thenAccept(
                        c -> {
                          add(ws, c);
                          if (device == 0) {
                            byUser.put(user, c);
                          }
                        }));
        if (connecting.size() % config.connectConcurrency() == 0) {
          CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
              .get(120, TimeUnit.SECONDS);
        }
      }
    }
    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
        .get(120, TimeUnit.SECONDS);
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    String[] groups = config.groupSize() == 0 ? null : createGroups();
    WsClient[] senders = new WsClient[n];
    if (!rest) {
      for (int u = 0; u < n; u++) {
        senders[u] = byUser.get(u);
      }
    }

    long warmup = (long) Math.floor(config.rate() * config.warmupSeconds());
    long total = warmup + (long) Math.floor(config.rate() * config.durationSeconds());
    double intervalNanos = 1e9 / config.rate();
    long start = System.nanoTime();
    long maxLagNanos = 0;
    long ticksAtTimed = 0;
    long jitTicksAtTimed = 0;
    Optional<long[]> commitsAtTimed = Optional.empty();
    for (long k = 0; k < total; k++) {
      if (k == warmup) {
        ticksAtTimed = ServerMemory.cpuTicks(serverPids);
        jitTicksAtTimed = ServerMemory.jitTicks(serverPids);
        commitsAtTimed = ServerMemory.commits(http, urls);
      }
      long due = start + (long) (k * intervalNanos);
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(Math.min(due - now, 200_000));
      }
      if (k >= warmup) {
        maxLagNanos = Math.max(maxLagNanos, now - due);
      }
      int sender = (int) (k % n);
      String to = users.ids().get(sender ^ 1);
      String group = groups == null ? null : groups[sender / config.groupSize()];
      String cmid = config.userPrefix() + "m" + k;
      Ledger.Sent message = new Ledger.Sent(cmid, sender, rest ? -1 : 0, due, k >= warmup);
      ledger.sending(message);
      String text = "load " + k;
      message.departs();
      if (rest) {
        restSend(
            sender, group == null ? "/api/v1/chat/" + to : "/api/v1/chats/" + group, text, message);
      } else {
        senders[sender].emit(
            "sendMessage",
            group == null
                ? Map.of("to", to, "text", text, "clientMessageId", cmid)
                : Map.of("chatId", group, "text", text, "clientMessageId", cmid),
            answer -> acked(message, answer));
      }
    }
    double sendSeconds = (System.nanoTime() - start) / 1e9;

    long drainDeadline = System.nanoTime() + (long) (config.drainSeconds() * 1e9);
    while (System.nanoTime() < drainDeadline && !(ledger.complete() && settled())) {
      LockSupport.parkNanos(20_000_000);
    }
    double drainSeconds = (System.nanoTime() - start) / 1e9 - sendSeconds;
    long lost = ledger.lost();
    if (!serverPids.isEmpty() && total > warmup) {
      // Linux counts 100 ticks a second (USER_HZ); the drain is included, as bench/pinned.sh does.
      long ticks = ServerMemory.cpuTicks(serverPids) - ticksAtTimed;
      long jit = ServerMemory.jitTicks(serverPids) - jitTicksAtTimed;
      report.put("timedMessages", total - warmup);
      report.put("serverCpuMillis", ticks * 10);
      report.put("serverJitCpuMillis", jit * 10);
      report.put("serverCpuMicrosPerMessage", ticks * 10_000 / (total - warmup));
      report.put("serverCpuMicrosPerMessageWithoutJit", (ticks - jit) * 10_000 / (total - warmup));
    }

    if (commitsAtTimed.isPresent()) {
      Optional<long[]> after = ServerMemory.commits(http, urls);
      if (after.isPresent()) {
        long commits = after.get()[0] - commitsAtTimed.get()[0];
        long writes = after.get()[1] - commitsAtTimed.get()[1];
        report.put("storeCommits", commits);
        report.put("storeWritesPerCommit", commits == 0 ? 0 : round((double) writes / commits));
      }
    }

    long[] sorted = ledger.latencies().sorted();
    report.put("users", n);
    report.put("groupSize", config.groupSize());
    report.put("devicesPerUser", d);
    report.put("compact", config.compact());
    report.put("sockets", n * d);
    report.put("targetRate", config.rate());
    report.put("warmupSeconds", config.warmupSeconds());
    report.put("durationSeconds", config.durationSeconds());
    report.put("connectSeconds", round(connectSeconds));
    report.put("sendSeconds", round(sendSeconds));
    report.put("drainSeconds", round(drainSeconds));
    report.put("maxGeneratorLagMs", round(maxLagNanos / 1e6));
    report.put("sent", ledger.attempted.get());
    report.put("achievedRate", round(ledger.attempted.get() / sendSeconds));
    report.put("acked", ledger.acked.get());
    report.put("refused", ledger.refused.get());
    report.put("errors", ledger.errors.get());
    report.put("unacked", ledger.attempted.get() - ledger.acked.get() - ledger.refused.get());
    report.put("deliveries", ledger.deliveries.get());
    report.put("expectedDeliveries", ledger.expected.get());
    report.put("lost", lost);
    report.put("duplicated", ledger.duplicated.get());
    report.put("reordered", ledger.reordered.get());
    report.put("wrongEvent", ledger.wrongEvent.get());
    report.put("unknownDeliveries", ledger.unknown.get());
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("samples", sorted.length);
    latency.put("p50", round(Ledger.Latencies.percentileMillis(sorted, 50)));
    latency.put("p90", round(Ledger.Latencies.percentileMillis(sorted, 90)));
    latency.put("p99", round(Ledger.Latencies.percentileMillis(sorted, 99)));
    latency.put("p999", round(Ledger.Latencies.percentileMillis(sorted, 99.9)));
    latency.put("max", round(Ledger.Latencies.percentileMillis(sorted, 100)));
    report.put("latencyMs", latency);
    long[] fromDeparture = ledger.latenciesFromDeparture().sorted();
    Map<String, Object> departed = new LinkedHashMap<>();
    departed.put("p50", round(Ledger.Latencies.percentileMillis(fromDeparture, 50)));
    departed.put("p99", round(Ledger.Latencies.percentileMillis(fromDeparture, 99)));
    departed.put("max", round(Ledger.Latencies.percentileMillis(fromDeparture, 100)));
    report.put("latencyFromDepartureMs", departed);
    boolean correct =
        lost == 0
            && ledger.duplicated.get() == 0
            && ledger.reordered.get() == 0
            && ledger.wrongEvent.get() == 0
            && ledger.acked.get() > 0;
    report.put("correct", correct);
    if (config.ackedFile().isPresent()) {
      List<String> lines = new ArrayList<>();
      for (Ledger.Sent m : ledger.acknowledged()) {
        lines.add(
            users.ids().get(m.sender)
                + "\t"
                + users.ids().get(m.sender ^ 1)
                + "\t"
                + m.clientMessageId);
      }
      Files.write(config.ackedFile().get(), lines);
      report.put("ackedFile", config.ackedFile().get().toString());
    }
    ws.forEach(WsClient::close);
    sio.forEach(SioClient::close);
    return correct;
  }

  private synchronized <T> void add(List<T> list, T client) {
    list.add(client);
  }

  private boolean settled() {
    return ledger.acked.get() + ledger.refused.get() + ledger.errors.get()
        >= ledger.attempted.get();
  }

  private void acked(Ledger.Sent message, JsonNode answer) {
    if (answer == null) {
      ledger.errors.incrementAndGet();
    } else if (answer.path("ok").asBoolean()) {
      ledger.acknowledged(message);
    } else {
      ledger.refused.incrementAndGet();
      if (ledger.refused.get() <= 5) {
        System.err.println("refused: " + answer);
      }
    }
  }

  /** One group per {@code --group-size} users, created by its first user over REST: the ids. */
  private String[] createGroups() throws Exception {
    int size = config.groupSize();
    String[] ids = new String[config.users() / size];
    for (int g = 0; g < ids.length; g++) {
      List<String> members = users.ids().subList(g * size + 1, (g + 1) * size);
      List<String> added = new ArrayList<>();
      String created = null;
      for (int from = 0; from < members.size(); from += 100) {
        List<String> batch = members.subList(from, Math.min(members.size(), from + 100));
        if (created == null) {
          JsonNode answer =
              restCall(
                  "POST",
                  "/api/v1/chats/groups",
                  g * size,
                  Map.of("name", "bench group " + g, "members", batch));
          created = answer.path("data").path("chat").path("_id").asText();
        } else {
          restCall(
              "POST", "/api/v1/chats/" + created + "/members", g * size, Map.of("userIds", batch));
        }
        added.addAll(batch);
      }
      ids[g] = created;
    }
    return ids;
  }

  private JsonNode restCall(String method, String path, int user, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(urls.get(0) + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + users.tokens().get(user))
            .header("Content-Type", "application/json")
            .method(
                method, HttpRequest.BodyPublishers.ofString(WsClient.JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + ": " + response.body());
    }
    return WsClient.JSON.readTree(response.body());
  }

  private void restSend(int sender, String chatPath, String text, Ledger.Sent message) {
    String body;
    try {
      body =
          WsClient.JSON.writeValueAsString(
              Map.of("text", text, "clientMessageId", message.clientMessageId));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(urls.get(sender % urls.size()) + chatPath + "/messages"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + users.tokens().get(sender))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null) {
                ledger.errors.incrementAndGet();
              } else if (response.statusCode() / 100 == 2) {
                ledger.acknowledged(message);
              } else {
                ledger.refused.incrementAndGet();
                if (ledger.refused.get() <= 5) {
                  System.err.println("refused: " + response.statusCode() + " " + response.body());
                }
              }
              return null;
            });
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
