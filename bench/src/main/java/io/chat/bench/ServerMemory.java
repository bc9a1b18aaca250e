package io.chat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's memory as far as it can be seen: heap, resident memory and sockets from {@code
 * /metrics}; resident memory from {@code /proc} instead when the process is known (same machine).
 */
final class ServerMemory {
  private ServerMemory() {}

  static Map<String, Object> sample(HttpClient http, String baseUrl, Optional<Long> pid) {
    Map<String, Object> figures = new LinkedHashMap<>();
    try {
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      double heap = 0;
      boolean sawHeap = false;
      for (String line : metrics.body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          sawHeap = true;
        } else if (line.startsWith("chat_open_sockets")) {
          figures.put(
              "openSockets", (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        } else if (line.startsWith("process_resident_memory_bytes ")) {
          long rss = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          // A remote server's only resident figure; a known process is read from /proc below.
          figures.put(pid.isPresent() ? "metricsRssBytes" : "rssBytes", rss);
        }
      }
      if (sawHeap) {
        figures.put("heapUsedBytes", (long) heap);
      }
    } catch (Exception e) {
      figures.put("metricsError", String.valueOf(e.getMessage()));
    }
    pid.ifPresent(
        p -> {
          try {
            for (String line : Files.readAllLines(Path.of("/proc", p.toString(), "status"))) {
              if (line.startsWith("VmRSS:")) {
                figures.put("rssBytes", 1024L * Long.parseLong(line.replaceAll("[^0-9]", "")));
              }
            }
          } catch (Exception e) {
            figures.put("rssError", String.valueOf(e.getMessage()));
          }
        });
    return figures;
  }

  /**
   * The user and system CPU ticks of {@code pids} so far, from {@code /proc/<pid>/stat} (fields 14
   * and 15, counted after the command name, which may hold spaces); a process gone counts 0.
   */
  static long cpuTicks(List<Long> pids) {
    long sum = 0;
    for (long pid : pids) {
      try {
        sum += ticks(Path.of("/proc", Long.toString(pid), "stat"));
      } catch (java.io.IOException e) {
        // gone: nothing more to count
      }
    }
    return sum;
  }

  /**
   * User plus system ticks from a process's or thread's {@code stat} file (fields 14 and 15,
   * counted after the command name, which may hold spaces).
   */
  private static long ticks(Path stat) throws java.io.IOException {
    String line = Files.readString(stat);
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * The user and system CPU ticks of the JIT compiler threads ({@code C1/C2 CompilerThread*}) of
   * {@code pids} so far, from {@code /proc/<pid>/task/<tid>/stat}: on one core they compete with
   * the server for a long while after a start, and move its CPU per message a lot.
   */
  static long jitTicks(List<Long> pids) {
    long sum = 0;
    for (long pid : pids) {
      try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          try {
            String comm = Files.readString(task.resolve("comm"));
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
              sum += ticks(task.resolve("stat"));
            }
          } catch (java.io.IOException e) {
            // a thread gone: nothing more to count
          }
        }
      } catch (java.io.IOException e) {
        // gone: nothing more to count
      }
    }
    return sum;
  }

  /**
   * The embedded store's commits and the writes they held so far, summed over {@code urls} (from
   * {@code chat_store_commits_total} and {@code chat_store_committed_writes_total}); empty when a
   * server does not report them (another store, an older release).
   */
  static Optional<long[]> commits(HttpClient http, List<String> urls) {
    long commits = 0;
    long writes = 0;
    for (String url : urls) {
      try {
        String body =
            http.send(
                    HttpRequest.newBuilder(URI.create(url + "/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        boolean seen = false;
        for (String line : body.split("\n")) {
          if (line.startsWith("chat_store_commits_total ")) {
            commits += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            seen = true;
          } else if (line.startsWith("chat_store_committed_writes_total ")) {
            writes += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          }
        }
        if (!seen) {
          return Optional.empty();
        }
      } catch (java.io.IOException | RuntimeException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.of(new long[] {commits, writes});
  }
}
