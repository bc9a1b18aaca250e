package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.PairKey;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost when the process holding the embedded store (H2 file backend) is
 * killed with {@code kill -9} in the middle of a stream of writes.
 */
class DurabilityTest {
  private static final int ACKS_BEFORE_KILL = 200;

  @TempDir Path dataDirectory;

  @Test
  void everyAcknowledgedMessageSurvivesAKillNine() throws IOException, InterruptedException {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityWriter.class.getName(),
                dataDirectory.toString(),
                "100000")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String[]> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(writer.getInputStream(), UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.split(" "));
          if (acknowledged.size() == ACKS_BEFORE_KILL) {
            // Right after an acknowledged write, with the next one on its way.
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

    try (EmbeddedMongo reopened = EmbeddedMongo.persistent(dataDirectory);
        MongoStore store =
            MongoStore.connect(
                reopened.connectionString(), DurabilityWriter.DATABASE, Stores.TEST_TIMEOUT)) {
      Chat chat =
          done(store
                  .chats()
                  .findByPair(
                      ChatType.USER_CHAT, PairKey.of(DurabilityWriter.ALICE, DurabilityWriter.BOB)))
              .orElseThrow();
      long lastAcknowledgedSeq = Long.parseLong(acknowledged.get(acknowledged.size() - 1)[2]);
      assertThat(chat.lastSeq()).isGreaterThanOrEqualTo(lastAcknowledgedSeq);
      for (int i = 0; i < acknowledged.size(); i++) {
        String[] ack = acknowledged.get(i);
        Message message = done(store.messages().findById(MessageId.of(ack[1]))).orElseThrow();
        assertThat(message.seq()).isEqualTo(Long.parseLong(ack[2]));
        assertThat(
                done(
                    store
                        .messages()
                        .findByClientMessageId(
                            chat.id(), message.sender(), ClientMessageId.of("c-" + (i + 1)))))
            .contains(message);
      }
      assertThat(done(store.messages().earliestAfter(chat.id(), 0, 200)))
          .hasSize(200)
          .extracting(Message::id)
          .containsExactlyElementsOf(
              acknowledged.subList(0, 200).stream().map(a -> MessageId.of(a[1])).toList());
    }
  }
}
