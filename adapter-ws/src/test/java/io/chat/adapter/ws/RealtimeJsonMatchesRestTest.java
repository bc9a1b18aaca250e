package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.wire.Json;
import io.chat.adapter.wire.Wire;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.in.MessageView;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A message in a realtime event is exactly the message of the REST API: REST writes the wire's
 * shape with the wire's mapper; realtime turns the same shape into a tree and writes it with its
 * own bounded writer.
 */
class RealtimeJsonMatchesRestTest {

  @Test
  void aMessageIsWrittenByteForByteAsRestWritesIt() {
    for (MessageView view :
        new MessageView[] {
          new MessageView(
              MessageId.of("0123456789abcdef01234567"),
              ChatId.of("abcdefabcdefabcdefabcdef"),
              UserId.of("alice"),
              "a < b & \"quoted\" \u00e9\n\ttab",
              Instant.parse("2026-01-02T03:04:05Z"),
              7,
              true,
              Optional.of(ClientMessageId.of("c-1"))),
          new MessageView(
              MessageId.of("0123456789abcdef01234568"),
              ChatId.of("abcdefabcdefabcdefabcdef"),
              UserId.of("000000000000000000000001"),
              "x",
              Instant.parse("2026-01-02T03:04:05.123456Z"),
              1,
              false,
              Optional.empty())
        }) {
      String rest = new String(Json.write(Wire.message(view)), StandardCharsets.UTF_8);

      assertThat(new BoundedJson(64 * 1024).write(WireJson.message(view))).isEqualTo(rest);
    }
  }
}
