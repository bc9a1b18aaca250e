package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost when the process holding the store is killed with {@code kill -9} in
 * the middle of a stream of writes: an acknowledgement comes after the commit's fsync.
 */
class DurabilityTest {
  private static final int ACKS_BEFORE_KILL = 400;

  @TempDir Path dataDirectory;

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyAcknowledgedWriteSurvivesAKillNine() throws IOException, InterruptedException {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityWriter.class.getName(),
                dataDirectory.toString(),
                "10000000")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<Integer> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(writer.getInputStream(), UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        assertThat(line).as("the writer's report").doesNotStartWith("FAILED");
        if (line.startsWith("ACK ")) {
          acknowledged.add(Integer.parseInt(line.substring(4)));
          if (acknowledged.size() == ACKS_BEFORE_KILL) {
            // Right after an acknowledged write, with the next ones on their way.
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(writer.pid())).start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
          }
        }
      }
      // Whatever the writer printed before it died was acknowledged too.
    } finally {
      writer.destroyForcibly();
    }
    assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.exitValue()).isEqualTo(137);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    try (SqliteStore reopened = SqliteStore.open(dataDirectory)) {
      List<UserId> ids = acknowledged.stream().map(n -> DurabilityWriter.profile(n).id()).toList();
      Map<UserId, UserProfile> found = done(reopened.users().findAll(ids));
      assertThat(found).hasSize(acknowledged.size());
      for (int n : acknowledged) {
        UserProfile expected = DurabilityWriter.profile(n);
        assertThat(found.get(expected.id())).isEqualTo(expected);
      }
    }
  }
}
