package io.chat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line of the load generator, parsed and checked. */
record BenchConfig(
    String mode,
    String transport,
    boolean compact,
    Optional<String> url,
    Optional<String> secret,
    Optional<Path> secretFile,
    Optional<Path> tokensFile,
    Optional<Path> serverJar,
    List<String> serverJvmArgs,
    String store,
    Optional<Long> serverPid,
    int users,
    int devices,
    int groupSize,
    double rate,
    double durationSeconds,
    double warmupSeconds,
    double drainSeconds,
    int connections,
    double holdSeconds,
    int connectConcurrency,
    String userPrefix,
    Optional<Path> ackedFile,
    int nodes,
    String serverCpus,
    boolean redis) {

  static final String USAGE =
      """
      usage: java -jar chat-bench.jar [options]
        --mode load|connections|verify load: send messages and check them; connections: hold idle sockets;
                                       verify: every message of --acked-file is stored once, in seq order (load)
        --transport ws|rest-sio        ws: plain JSON WebSocket /ws; rest-sio: REST send, Socket.IO /app receive (ws)
        --compact on|off               devices connect in compact mode: chat:update inside message:new/sent
                                       (ws: on, as the browser client; rest-sio: off, as existing Socket.IO apps)
        --url http://host:port[,...]   the server (or --server-jar); several nodes of one deployment, comma
                                       separated: load spreads each user's devices over them (the first device
                                       on node u mod N, the next on the next node) and sends through the sender's
                                       first device's node (REST: the sender's node u mod N)
        --secret S | --secret-file F   HS256 secret to mint tokens with (claim userId)
        --tokens-file F                or: one token per line, one line per user (in user order)
        --server-jar PATH              start this chat-server.jar (dev mode, temporary data dir, send limits lifted)
        --server-jvm-arg ARG           JVM argument for the started server (repeatable)
        --store file|memory            the started server's store: its embedded SQLite file, or an in-memory
                                       MongoDB-compatible store run by the bench (file)
        --server-pid PID               the server's process, for its resident memory (Linux /proc)
        --nodes N                      with --server-jar: N nodes on one in-memory MongoDB-compatible store
                                       run by the bench and (N > 1) a redis-server of their own; load spreads
                                       over them as over several --url (0: one dev-mode server, as above)
        --server-cpus C                with --nodes: run the servers (and Redis) under taskset -c C
        --redis on|off                 with --nodes: the nodes share Redis (on when N > 1; on with one node
                                       measures what the bus costs)
        --users N                      users, paired into chats (100, even)
        --devices D                    devices per user (2)
        --group-size N                 users in groups of N (a divisor of --users) instead of pairs (0: pairs)
        --rate R                       messages per second, open loop (100)
        --duration S                   seconds of sending (10)
        --warmup S                     seconds of sending before --duration: checked, not timed (0)
        --drain S                      seconds to wait for the last deliveries (10)
        --connections N                idle sockets in connections mode (1000)
        --hold S                       seconds to hold them (10)
        --connect-concurrency N        handshakes in flight (100)
        --user-prefix P                user ids are P<number> (bench<random>-)
        --acked-file F                 load (pairs): write every acknowledged send to F (sender, recipient,
                                       clientMessageId); verify: read them back from the server's history
      """;

  /** The servers of {@code --url}, in order. */
  List<String> urls() {
    return url.map(u -> List.of(u.split(","))).orElse(List.of());
  }

  static BenchConfig parse(String[] args) {
    Map<String, String> single = new HashMap<>();
    List<String> jvmArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!flag.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --flag value, got '" + flag + "'");
      }
      String value = args[++i];
      if (flag.equals("--server-jvm-arg")) {
        jvmArgs.add(value);
      } else {
        single.put(flag.substring(2), value);
      }
    }
    String transport = take(single, "transport", "ws");
    String compact = take(single, "compact", transport.equals("ws") ? "on" : "off");
    int nodes = Integer.parseInt(take(single, "nodes", "0"));
    String redis = take(single, "redis", "auto");
    BenchConfig config =
        new BenchConfig(
            take(single, "mode", "load"),
            transport,
            compact.equals("on"),
            Optional.ofNullable(single.remove("url")),
            Optional.ofNullable(single.remove("secret")),
            Optional.ofNullable(single.remove("secret-file")).map(Path::of),
            Optional.ofNullable(single.remove("tokens-file")).map(Path::of),
            Optional.ofNullable(single.remove("server-jar")).map(Path::of),
            List.copyOf(jvmArgs),
            take(single, "store", "file"),
            Optional.ofNullable(single.remove("server-pid")).map(Long::parseLong),
            Integer.parseInt(take(single, "users", "100")),
            Integer.parseInt(take(single, "devices", "2")),
            Integer.parseInt(take(single, "group-size", "0")),
            Double.parseDouble(take(single, "rate", "100")),
            Double.parseDouble(take(single, "duration", "10")),
            Double.parseDouble(take(single, "warmup", "0")),
            Double.parseDouble(take(single, "drain", "10")),
            Integer.parseInt(take(single, "connections", "1000")),
            Double.parseDouble(take(single, "hold", "10")),
            Integer.parseInt(take(single, "connect-concurrency", "100")),
            take(
                single,
                "user-prefix",
                "bench" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-"),
            Optional.ofNullable(single.remove("acked-file")).map(Path::of),
            nodes,
            take(single, "server-cpus", ""),
            redis.equals("on") || redis.equals("auto") && nodes > 1);
    if (!single.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + single.keySet());
    }
    if (!List.of("load", "connections", "verify").contains(config.mode)) {
      throw new IllegalArgumentException("--mode is load, connections or verify");
    }
    if (config.ackedFile.isPresent() && config.groupSize != 0) {
      throw new IllegalArgumentException("--acked-file is for pairs (--group-size 0)");
    }
    if (config.mode.equals("verify") && config.ackedFile.isEmpty()) {
      throw new IllegalArgumentException("--mode verify needs --acked-file");
    }
    if (!config.transport.equals("ws") && !config.transport.equals("rest-sio")) {
      throw new IllegalArgumentException("--transport is ws or rest-sio");
    }
    if (!compact.equals("on") && !compact.equals("off")) {
      throw new IllegalArgumentException("--compact is on or off");
    }
    if (config.users < 2 || config.users % 2 != 0 || config.devices < 1) {
      throw new IllegalArgumentException("--users is an even number >= 2, --devices >= 1");
    }
    if (config.groupSize != 0 && (config.groupSize < 2 || config.users % config.groupSize != 0)) {
      throw new IllegalArgumentException("--group-size is 0 (pairs) or a divisor >= 2 of --users");
    }
    if (!List.of("on", "off", "auto").contains(redis)) {
      throw new IllegalArgumentException("--redis is on or off");
    }
    if (config.nodes < 0 || config.nodes > 0 && config.serverJar.isEmpty()) {
      throw new IllegalArgumentException("--nodes N (0 or more) goes with --server-jar");
    }
    if (config.url.isEmpty() && config.serverJar.isEmpty()) {
      throw new IllegalArgumentException("--url or --server-jar is required");
    }
    return config;
  }

  private static String take(Map<String, String> options, String name, String fallback) {
    String value = options.remove(name);
    return value == null ? fallback : value;
  }
}
