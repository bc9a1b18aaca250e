package io.chat.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat.application.port.in.ChangesPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.MessageView.Lifecycle;
import io.chat.application.port.in.ReactionView;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.out.ChatEvent;
import io.chat.domain.chat.ChatType;
import io.chat.domain.message.Pin;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle and receipt fields of a message, a chat's archive flag, and the shapes of the
 * events and pages that carry them.
 */
class WireTest {
  private static final ObjectMapper READ = new ObjectMapper();
  private static final ChatId CHAT = ChatId.of("65a000000000000000000001");
  private static final MessageId ID = MessageId.of("65a000000000000000000002");
  private static final MessageId QUOTED = MessageId.of("65a000000000000000000003");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final Instant SENT = Instant.parse("2026-01-31T09:15:02.120Z");
  private static final Instant EDITED = Instant.parse("2026-01-31T09:17:00Z");

  private static MessageView view(String text, Lifecycle lifecycle) {
    return new MessageView(
        ID,
        CHAT,
        ALICE,
        text,
        SENT,
        7,
        false,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        lifecycle);
  }

  private static Lifecycle lifecycle(boolean deleted, boolean hidden) {
    return new Lifecycle(
        12,
        Optional.of(EDITED),
        deleted,
        hidden,
        Optional.of(new ReplyPreview(QUOTED, 3, BOB, "the question", false)),
        true,
        List.of(new ReactionView("👍", 2, true), new ReactionView("❤️", 1, false)),
        Optional.of(new Pin(BOB, EDITED)));
  }

  private static JsonNode json(Object shape) {
    try {
      return READ.readTree(Json.write(shape));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void aMessageNeverRevisedAddsOnlyChangeZeroAndNoReactionsToTheOldFields() {
    JsonNode m = json(Wire.message(view("hi", Lifecycle.NONE)));

    assertThat(keys(m))
        .containsExactly(
            "_id",
            "chatId",
            "sender",
            "text",
            "timestamp",
            "seq",
            "seen",
            "delivered",
            "change",
            "reactions");
    assertThat(m.path("change").asLong()).isZero();
    assertThat(m.path("reactions").isArray()).isTrue();
    assertThat(m.path("reactions")).isEmpty();
  }

  @Test
  void aRevisedMessageCarriesItsEditQuoteForwardReactionsAndPinAfterTheOldFields() {
    JsonNode m = json(Wire.message(view("fixed", lifecycle(false, false))));

    assertThat(keys(m))
        .containsExactly(
            "_id",
            "chatId",
            "sender",
            "text",
            "timestamp",
            "seq",
            "seen",
            "delivered",
            "change",
            "edited",
            "editedAt",
            "replyTo",
            "forwarded",
            "reactions",
            "pinned");
    assertThat(m.path("change").asLong()).isEqualTo(12);
    assertThat(m.path("edited").asBoolean()).isTrue();
    assertThat(m.path("editedAt").asText()).isEqualTo("2026-01-31T09:17:00.000Z");
    assertThat(m.path("replyTo").toString())
        .isEqualTo(
            "{\"_id\":\"65a000000000000000000003\",\"seq\":3,\"sender\":\"bob\","
                + "\"text\":\"the question\",\"deleted\":false}");
    assertThat(m.path("forwarded").asBoolean()).isTrue();
    assertThat(m.path("reactions").toString())
        .isEqualTo(
            "[{\"emoji\":\"👍\",\"count\":2,\"mine\":true},"
                + "{\"emoji\":\"❤️\",\"count\":1,\"mine\":false}]");
    assertThat(m.path("pinned").toString())
        .isEqualTo("{\"by\":\"bob\",\"at\":\"2026-01-31T09:17:00.000Z\"}");
    assertThat(m.has("deleted")).isFalse();
    assertThat(m.has("hidden")).isFalse();
  }

  @Test
  void aTombstoneAndAMessageHiddenForTheReaderShowNothingOfWhatWasThere() {
    JsonNode deleted = json(Wire.message(view("", lifecycle(true, false))));
    JsonNode hidden = json(Wire.message(view("", lifecycle(false, true))));

    assertThat(deleted.path("deleted").asBoolean()).isTrue();
    assertThat(deleted.has("hidden")).isFalse();
    assertThat(hidden.path("hidden").asBoolean()).isTrue();
    assertThat(hidden.has("deleted")).isFalse();
    for (JsonNode m : List.of(deleted, hidden)) {
      assertThat(m.path("text").asText()).isEmpty();
      assertThat(m.path("change").asLong()).isEqualTo(12);
      assertThat(m.has("edited")).isFalse();
      assertThat(m.has("editedAt")).isFalse();
      assertThat(m.has("replyTo")).isFalse();
      assertThat(m.has("pinned")).isFalse();
      assertThat(m.path("reactions")).isEmpty();
    }
  }

  @Test
  void aQuoteOfADeletedMessageSaysSoWithoutText() {
    Lifecycle quotingDeleted =
        new Lifecycle(
            0,
            Optional.empty(),
            false,
            false,
            Optional.of(new ReplyPreview(QUOTED, 3, BOB, "leaked?", true)),
            false,
            List.of(),
            Optional.empty());

    JsonNode quote = json(Wire.message(view("answer", quotingDeleted))).path("replyTo");

    assertThat(quote.path("deleted").asBoolean()).isTrue();
    assertThat(quote.path("text").asText()).isEmpty();
    assertThat(quote.path("sender").asText()).isEqualTo("bob");
  }

  @Test
  void aChangeEventNamesTheChatTheMessageWhoAndTheReaction() {
    MessageView message = view("fixed", lifecycle(false, false));
    JsonNode reacted =
        json(
            Wire.messageChanged(
                new ChatEvent.MessageChanged(
                    "reaction",
                    CHAT,
                    message,
                    BOB,
                    Optional.of(new ChatEvent.Reacted("👍", false)))));
    JsonNode edited =
        json(
            Wire.messageChanged(
                new ChatEvent.MessageChanged("edited", CHAT, message, ALICE, Optional.empty())));

    assertThat(keys(reacted)).containsExactly("chatId", "message", "by", "reaction");
    assertThat(reacted.path("chatId").asText()).isEqualTo(CHAT.value());
    assertThat(reacted.path("message")).isEqualTo(json(Wire.message(message)));
    assertThat(reacted.path("by").asText()).isEqualTo("bob");
    assertThat(reacted.path("reaction").toString()).isEqualTo("{\"emoji\":\"👍\",\"on\":false}");
    assertThat(keys(edited)).containsExactly("chatId", "message", "by");
  }

  @Test
  void aChangesPageAndAHistoryPageSayHowFarTheyReach() {
    MessageView message = view("fixed", lifecycle(false, false));

    JsonNode changes = json(Wire.changes(new ChangesPage(List.of(message), 12, true)));
    JsonNode history = json(Wire.history(new HistoryPage(List.of(message), false, 15)));

    assertThat(keys(changes)).containsExactly("messages", "upTo", "hasMore");
    assertThat(changes.path("messages").get(0).path("_id").asText()).isEqualTo(ID.value());
    assertThat(changes.path("upTo").asLong()).isEqualTo(12);
    assertThat(changes.path("hasMore").asBoolean()).isTrue();
    assertThat(keys(history)).containsExactly("messages", "hasMore", "lastChange");
    assertThat(history.path("lastChange").asLong()).isEqualTo(15);
  }

  @Test
  void aMessageSaysWhetherItWasDeliveredNextToWhetherItWasSeen() {
    MessageView delivered =
        new MessageView(
            ID,
            CHAT,
            ALICE,
            "hi",
            SENT,
            7,
            false,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Lifecycle.NONE,
            true);
    MessageView seen =
        new MessageView(
            ID, CHAT, ALICE, "hi", SENT, 7, true, Optional.empty(), Optional.empty(), List.of());

    JsonNode sentOnly = json(Wire.message(view("hi", Lifecycle.NONE)));
    JsonNode deliveredOnly = json(Wire.message(delivered));
    JsonNode read = json(Wire.message(seen));

    assertThat(sentOnly.path("seen").asBoolean()).isFalse();
    assertThat(sentOnly.path("delivered").isBoolean()).isTrue();
    assertThat(sentOnly.path("delivered").asBoolean()).isFalse();
    assertThat(deliveredOnly.path("seen").asBoolean()).isFalse();
    assertThat(deliveredOnly.path("delivered").asBoolean()).isTrue();
    assertThat(read.path("seen").asBoolean()).isTrue();
    assertThat(read.path("delivered").asBoolean()).as("what is seen was delivered").isTrue();
  }

  @Test
  void aChatEndsWithWhetherItIsArchivedAndItsLastChange() {
    ChatView view =
        new ChatView(
            CHAT,
            ChatType.USER_CHAT,
            List.of(),
            Optional.empty(),
            0,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            SENT,
            EDITED,
            true,
            9);

    JsonNode chat = json(Wire.chat(view));

    List<String> keys = keys(chat);
    assertThat(keys.subList(keys.size() - 4, keys.size()))
        .containsExactly("createdAt", "updatedAt", "archived", "lastChange");
    assertThat(chat.path("archived").asBoolean()).isTrue();
    assertThat(chat.path("lastChange").asLong()).isEqualTo(9);
  }

  @Test
  void theDeliveredAndArchivedEventsCarryTheirFields() {
    JsonNode delivered = json(Wire.delivered(new ChatEvent.Delivered(BOB, CHAT, 42)));
    JsonNode archived = json(Wire.chatArchived(new ChatEvent.ChatArchived(CHAT, false)));

    assertThat(delivered.toString())
        .isEqualTo("{\"from\":\"bob\",\"chatId\":\"" + CHAT.value() + "\",\"seq\":42}");
    assertThat(archived.toString())
        .isEqualTo("{\"chatId\":\"" + CHAT.value() + "\",\"archived\":false}");
  }
}
