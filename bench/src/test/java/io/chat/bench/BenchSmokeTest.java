package io.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A few seconds of real load against the real server jar, over both transports. */
class BenchSmokeTest {
  private static ServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    Path jar =
        Path.of(System.getProperty("chat.server.jar", "../bootstrap/target/chat-server.jar"));
    assertThat(Files.isRegularFile(jar))
        .as("the server jar %s is built before this module", jar)
        .isTrue();
    server = ServerProcess.start(jar, List.of("-Xmx256m"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static Map<String, Object> load(String transport, String prefix) throws Exception {
    return load(transport, prefix, "0");
  }

  private static Map<String, Object> load(String transport, String prefix, String groupSize)
      throws Exception {
    return Main.report(
        new String[] {
          "--url",
          server.url(),
          "--secret",
          server.secret(),
          "--transport",
          transport,
          "--group-size",
          groupSize,
          "--users",
          "4",
          "--devices",
          "2",
          "--rate",
          "8",
          "--duration",
          "3",
          "--drain",
          "30",
          "--user-prefix",
          prefix
        });
  }

  @Test
  void aServerWhoseProcessIsUnknownHasItsMemoryReadFromMetrics() {
    Map<String, Object> figures =
        ServerMemory.sample(HttpClient.newHttpClient(), server.url(), Optional.empty());

    assertThat(figures).doesNotContainKey("metricsError");
    assertThat((Long) figures.get("heapUsedBytes")).isPositive();
    if (Files.isReadable(Path.of("/proc/self/status"))) {
      assertThat((Long) figures.get("rssBytes")).isPositive();
    }
  }

  @Test
  void everyAcknowledgedWebSocketMessageReachesEveryDeviceOnceInOrder() throws Exception {
    Map<String, Object> report = load("ws", "smokews-");

    assertThat(report.get("acked")).isEqualTo(24L);
    assertThat(report)
        .containsEntry("lost", 0L)
        .containsEntry("duplicated", 0L)
        .containsEntry("reordered", 0L)
        .containsEntry("wrongEvent", 0L)
        .containsEntry("correct", true);
    // 2 devices of the recipient and 2 of the sender (the sending one included)
    assertThat(report.get("deliveries")).isEqualTo(24L * 4);
  }

  @Test
  void everyMessageSentOverRestReachesEverySocketIoDeviceOnceInOrder() throws Exception {
    Map<String, Object> report = load("rest-sio", "smokesio-");

    assertThat(report.get("acked")).isEqualTo(24L);
    assertThat(report)
        .containsEntry("lost", 0L)
        .containsEntry("duplicated", 0L)
        .containsEntry("reordered", 0L)
        .containsEntry("wrongEvent", 0L)
        .containsEntry("correct", true);
    assertThat(report.get("deliveries")).isEqualTo(24L * 4);
  }

  @Test
  void everyAcknowledgedGroupMessageReachesEveryMembersDevicesOnceInOrder() throws Exception {
    for (String transport : List.of("ws", "rest-sio")) {
      Map<String, Object> report = load(transport, "smokegroup" + transport + "-", "4");

      assertThat(report.get("acked")).as(transport).isEqualTo(24L);
      assertThat(report)
          .as(transport)
          .containsEntry("groupSize", 4)
          .containsEntry("lost", 0L)
          .containsEntry("duplicated", 0L)
          .containsEntry("reordered", 0L)
          .containsEntry("wrongEvent", 0L)
          .containsEntry("unknownDeliveries", 0L)
          .containsEntry("correct", true);
      // one group of 4 users with 2 devices each: 8 deliveries per message
      assertThat(report.get("deliveries")).as(transport).isEqualTo(24L * 8);
    }
  }
}
