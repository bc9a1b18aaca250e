package io.chat.bench;

import java.util.Map;

/** The few lines a person reads after a run; the JSON line above them has everything. */
final class Summary {
  private Summary() {}

  @SuppressWarnings("unchecked")
  static String of(Map<String, Object> r) {
    if (r.get("mode").equals("verify")) {
      return String.format(
          "verify: %s acknowledged sends, %s stored messages read; missing %s, duplicated %s,"
              + " out of seq order %s -> %s",
          r.get("acked"),
          r.get("storedMessagesRead"),
          r.get("missing"),
          r.get("duplicated"),
          r.get("outOfOrder"),
          Boolean.TRUE.equals(r.get("correct")) ? "CORRECT" : "FAILED");
    }
    if (r.get("mode").equals("connections")) {
      Map<String, Object> before = (Map<String, Object>) r.get("before");
      Map<String, Object> after = (Map<String, Object>) r.get("after");
      // Heap after a full GC needs the process (jcmd); a remote server only says heap in use.
      String heap = after.containsKey("heapAfterGcBytes") ? "heapAfterGc" : "heapUsed";
      return String.format(
          "connections: %s of %s connected in %s s (%s/s), %s still open after %s s%n"
              + "server: rss %s -> %s MB, heap %s %s -> %s MB, per connection: rss %s B,"
              + " heap %s B",
          r.get("connected"),
          r.get("connections"),
          r.get("connectSeconds"),
          r.get("connectsPerSecond"),
          r.get("stillOpen"),
          r.get("heldSeconds"),
          mb(before.get("rssBytes")),
          mb(after.get("rssBytes")),
          heap.equals("heapAfterGc") ? "after GC" : "used",
          mb(before.get(heap + "Bytes")),
          mb(after.get(heap + "Bytes")),
          r.getOrDefault("rssPerConnectionBytes", "n/a"),
          r.getOrDefault(heap + "PerConnectionBytes", "n/a"));
    }
    Map<String, Object> latency = (Map<String, Object>) r.get("latencyMs");
    return String.format(
            "load (%s%s): %s users x %s devices, %s msg/s target, %s achieved, %s sent, %s acked,"
                + " %s refused, %s errors%n"
                + "deliveries %s of %s expected; lost %s, duplicated %s, reordered %s -> %s%n"
                + "send-to-delivery ms: p50 %s, p90 %s, p99 %s, max %s (%s samples)",
            r.get("transport"),
            Boolean.TRUE.equals(r.get("compact")) ? ", compact" : "",
            r.get("users"),
            r.get("devicesPerUser"),
            r.get("targetRate"),
            r.get("achievedRate"),
            r.get("sent"),
            r.get("acked"),
            r.get("refused"),
            r.get("errors"),
            r.get("deliveries"),
            r.get("expectedDeliveries"),
            r.get("lost"),
            r.get("duplicated"),
            r.get("reordered"),
            Boolean.TRUE.equals(r.get("correct")) ? "CORRECT" : "FAILED",
            latency.get("p50"),
            latency.get("p90"),
            latency.get("p99"),
            latency.get("max"),
            latency.get("samples"))
        + (r.get("latencyFromDepartureMs") instanceof Map<?, ?> departed
            ? String.format(
                "%nfrom each send's actual departure (without the generator's own delay): p50 %s,"
                    + " p99 %s, max %s; the generator fell behind its schedule by up to %s ms",
                departed.get("p50"),
                departed.get("p99"),
                departed.get("max"),
                r.get("maxGeneratorLagMs"))
            : "")
        + (r.containsKey("serverCpuMicrosPerMessage")
            ? String.format(
                "%nserver CPU over the timed run, drain included%s: %s ms for %s messages: %s us per"
                    + " message; of which the JIT compiler threads %s ms: %s us per message without"
                    + " them",
                r.containsKey("nodes") ? " (" + r.get("nodes") + " nodes)" : "",
                r.get("serverCpuMillis"),
                r.get("timedMessages"),
                r.get("serverCpuMicrosPerMessage"),
                r.get("serverJitCpuMillis"),
                r.get("serverCpuMicrosPerMessageWithoutJit"))
            : "")
        + (r.containsKey("storeCommits")
            ? String.format(
                "%nthe store committed %s times over the timed run: %s writes per commit",
                r.get("storeCommits"), r.get("storeWritesPerCommit"))
            : "");
  }

  private static String mb(Object bytes) {
    return bytes instanceof Long b ? String.format("%.1f", b / 1048576.0) : "n/a";
  }
}
