package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat.adapter.wire.Json;
import io.chat.adapter.wire.Wire;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.ReactionView;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.out.ChatEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Pin;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
              Optional.empty()),
          revised(false, false),
          revised(true, false),
          revised(false, true),
          delivered(true),
          delivered(false)
        }) {
      String rest = new String(Json.write(Wire.message(view)), StandardCharsets.UTF_8);

      assertThat(new BoundedJson(64 * 1024).write(WireJson.message(view))).isEqualTo(rest);
    }
  }

  @Test
  void aChangeEventCarriesTheWiresMessageAndWhoChangedIt() {
    ChatEvent.MessageChanged reacted =
        new ChatEvent.MessageChanged(
            "reaction",
            ChatId.of("abcdefabcdefabcdefabcdef"),
            revised(false, false),
            UserId.of("bob"),
            Optional.of(new ChatEvent.Reacted("\u2705", false)));
    ChatEvent.MessageChanged deleted =
        new ChatEvent.MessageChanged(
            "deleted",
            ChatId.of("abcdefabcdefabcdefabcdef"),
            revised(true, false),
            UserId.of("alice"),
            Optional.empty());

    for (ChatEvent.MessageChanged event : List.of(reacted, deleted)) {
      String wire = new String(Json.write(Wire.messageChanged(event)), StandardCharsets.UTF_8);

      assertThat(new BoundedJson(64 * 1024).write(WireJson.eventNode(event))).isEqualTo(wire);
    }
    assertThat(new BoundedJson(64 * 1024).write(WireJson.eventNode(reacted)))
        .startsWith("{\"chatId\":\"abcdefabcdefabcdefabcdef\",\"message\":{\"_id\":")
        .endsWith(",\"by\":\"bob\",\"reaction\":{\"emoji\":\"\u2705\",\"on\":false}}");
  }

  @Test
  void aMessageSaysWhetherItWasDeliveredApartFromWhetherItWasSeen() {
    String json = new BoundedJson(64 * 1024).write(WireJson.message(delivered(true)));

    assertThat(json).contains(",\"seq\":3,\"seen\":false,\"delivered\":true,");
  }

  @Test
  void receiptAndArchiveEventsCarryTheWiresFields() {
    ChatId chat = ChatId.of("abcdefabcdefabcdefabcdef");
    ChatEvent.Delivered delivered = new ChatEvent.Delivered(UserId.of("bob"), chat, 42);
    ChatEvent.ChatArchived archived = new ChatEvent.ChatArchived(chat, true);
    ChatEvent.ChatArchived unarchived = new ChatEvent.ChatArchived(chat, false);
    BoundedJson writer = new BoundedJson(64 * 1024);

    assertThat(writer.write(WireJson.eventNode(delivered)))
        .isEqualTo("{\"from\":\"bob\",\"chatId\":\"abcdefabcdefabcdefabcdef\",\"seq\":42}")
        .isEqualTo(new String(Json.write(Wire.delivered(delivered)), StandardCharsets.UTF_8));
    assertThat(writer.write(WireJson.eventNode(archived)))
        .isEqualTo("{\"chatId\":\"abcdefabcdefabcdefabcdef\",\"archived\":true}")
        .isEqualTo(new String(Json.write(Wire.chatArchived(archived)), StandardCharsets.UTF_8));
    assertThat(writer.write(WireJson.eventNode(unarchived)))
        .isEqualTo("{\"chatId\":\"abcdefabcdefabcdefabcdef\",\"archived\":false}");
  }

  /**
   * Outside the Basic Multilingual Plane (most emoji), REST's byte writer escapes the character's
   * two UTF-16 surrogates where realtime's text writer writes the character itself: the same JSON
   * value, in other bytes.
   */
  @Test
  void anEmojiOutsideTheBasicPlaneReadsTheSameOnBoth() throws Exception {
    MessageView view = revised(false, false, "\ud83d\udc4d");
    String rest = new String(Json.write(Wire.message(view)), StandardCharsets.UTF_8);

    String realtime = new BoundedJson(64 * 1024).write(WireJson.message(view));

    ObjectMapper reader = new ObjectMapper();
    assertThat(reader.readTree(realtime)).isEqualTo(reader.readTree(rest));
    assertThat(reader.readTree(realtime).path("reactions").get(0).path("emoji").asText())
        .isEqualTo("\ud83d\udc4d");
  }

  /** The sender's message, not seen yet: received by a device of the other side, or not. */
  private static MessageView delivered(boolean delivered) {
    return new MessageView(
        MessageId.of("0123456789abcdef0123456a"),
        ChatId.of("abcdefabcdefabcdefabcdef"),
        UserId.of("alice"),
        "on its way",
        Instant.parse("2026-01-02T03:04:05Z"),
        3,
        false,
        Optional.of(ClientMessageId.of("c-3")),
        Optional.empty(),
        List.of(),
        MessageView.Lifecycle.NONE,
        delivered);
  }

  /** A message with every lifecycle field: edited, a quote, forwarded, reactions, a pin. */
  private static MessageView revised(boolean deleted, boolean hidden) {
    return revised(deleted, hidden, "\u2705");
  }

  private static MessageView revised(boolean deleted, boolean hidden, String emoji) {
    boolean gone = deleted || hidden;
    return new MessageView(
        MessageId.of("0123456789abcdef01234569"),
        ChatId.of("abcdefabcdefabcdefabcdef"),
        UserId.of("bob"),
        gone ? "" : "edited \u00e9",
        Instant.parse("2026-01-02T03:04:05Z"),
        9,
        false,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        new MessageView.Lifecycle(
            12,
            Optional.of(Instant.parse("2026-01-02T03:05:00.5Z")),
            deleted,
            hidden,
            Optional.of(
                new ReplyPreview(
                    MessageId.of("0123456789abcdef01234567"), 7, UserId.of("alice"), "a <", false)),
            true,
            List.of(new ReactionView(emoji, 2, true), new ReactionView("\u2764\ufe0f", 1, false)),
            Optional.of(new Pin(UserId.of("alice"), Instant.parse("2026-01-02T03:06:00Z")))));
  }
}
