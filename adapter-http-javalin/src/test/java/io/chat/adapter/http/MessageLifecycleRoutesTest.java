package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.quote;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.service.ChatSettings;
import io.chat.domain.message.MessageRules;
import io.chat.domain.user.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edit, delete, react, pin, reply, forward and the changes feed over a real HTTP server, in a chat
 * of two, a group and a support chat: answers, refusals, and that a refusal changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageLifecycleRoutesTest {
  private static final String CHATS = "/api/v1/chats";
  private static final String THUMBS_UP = "\uD83D\uDC4D";
  private static final String HEART = "\u2764\uFE0F";

  TestServer server;

  /** A server with these core settings: the in-memory ports here, another storage in a subclass. */
  TestServer newServer(ChatSettings settings) {
    return new TestServer(settings);
  }

  /** Closes what a subclass's storage holds, after the servers. */
  void closeStorage() {}

  @BeforeAll
  void start() {
    server = newServer(ChatSettings.defaults());
  }

  @AfterAll
  void stop() {
    server.close();
    closeStorage();
  }

  // ---- helpers

  private static String chatId(TestServer server, User me, User other) {
    return server.chatWith(me, other);
  }

  private String chatId(User me, User other) {
    return chatId(server, me, other);
  }

  private static JsonNode send(TestServer server, User from, String chat, String text) {
    return server.sendInto(from, chat, text);
  }

  private JsonNode send(User from, String chat, String text) {
    return send(server, from, chat, text);
  }

  private static String message(String chat, JsonNode message) {
    return CHATS + "/" + chat + "/messages/" + message.path("_id").asText();
  }

  private static String reaction(String chat, JsonNode message, String emoji) {
    return message(chat, message) + "/reactions/" + encode(emoji);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String edit(String text) {
    return text(text);
  }

  private String group(User owner, String name, User... members) {
    List<String> ids = new ArrayList<>();
    for (User m : members) {
      ids.add(quote(m.id()));
    }
    Response r =
        server.post(
            CHATS + "/groups",
            owner,
            "{\"name\":" + quote(name) + ",\"members\":[" + String.join(",", ids) + "]}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.data().path("chat").path("_id").asText();
  }

  private static JsonNode history(TestServer server, User me, String chat) {
    Response r = server.get(CHATS + "/" + chat + "/messages", me);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.data();
  }

  private JsonNode history(User me, String chat) {
    return history(server, me, chat);
  }

  /** The message with that id in a history page, or a missing node. */
  private static JsonNode find(JsonNode page, JsonNode message) {
    for (JsonNode m : page.path("messages")) {
      if (m.path("_id").asText().equals(message.path("_id").asText())) {
        return m;
      }
    }
    return MissingNode.getInstance();
  }

  private JsonNode changes(User me, String chat, String query) {
    Response r = server.get(CHATS + "/" + chat + "/changes" + query, me);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.data();
  }

  private static void refused(Response r, int status, String code) {
    r.assertRefused(status, code);
  }

  // ---- a chat of two

  @Test
  void inAChatOfTwoTheSenderEditsBothReactAndPinAndTheSenderDeletesForEveryone() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "helo");

    Response edited = server.patch(message(chat, m), alice, edit("hello"));
    Response bobEdits = server.patch(message(chat, m), bob, edit("hijacked"));
    Response bobReacts = server.put(reaction(chat, m, THUMBS_UP), bob, null);
    Response bobAgain = server.put(reaction(chat, m, THUMBS_UP), bob, null);
    Response aliceReacts = server.put(reaction(chat, m, THUMBS_UP), alice, null);
    Response aliceHeart = server.put(reaction(chat, m, HEART), alice, null);
    Response aliceTakesBack = server.delete(reaction(chat, m, THUMBS_UP), alice);
    Response pinned = server.put(message(chat, m) + "/pin", bob, null);
    Response pins = server.get(CHATS + "/" + chat + "/pins", alice);

    assertThat(edited.status()).as(edited.text()).isEqualTo(200);
    JsonNode e = edited.data().path("message");
    assertThat(e.path("text").asText()).isEqualTo("hello");
    assertThat(e.path("edited").asBoolean()).isTrue();
    assertThat(e.path("editedAt").asText()).isNotBlank();
    assertThat(e.path("seq").asLong()).isEqualTo(m.path("seq").asLong());
    assertThat(e.path("change").asLong()).isPositive();
    refused(bobEdits, 403, "FORBIDDEN");
    assertThat(bobReacts.data().path("message").path("reactions").toString())
        .isEqualTo("[{\"emoji\":\"" + THUMBS_UP + "\",\"count\":1,\"mine\":true}]");
    assertThat(bobAgain.data().path("message").path("reactions").get(0).path("count").asLong())
        .as("a repeated reaction counts once")
        .isEqualTo(1);
    assertThat(aliceReacts.data().path("message").path("reactions").get(0).path("count").asLong())
        .isEqualTo(2);
    assertThat(aliceHeart.data().path("message").path("reactions")).hasSize(2);
    JsonNode afterTakeBack = aliceTakesBack.data().path("message").path("reactions");
    assertThat(afterTakeBack.get(0).path("emoji").asText()).isEqualTo(THUMBS_UP);
    assertThat(afterTakeBack.get(0).path("count").asLong()).isEqualTo(1);
    assertThat(afterTakeBack.get(0).path("mine").asBoolean()).isFalse();
    assertThat(afterTakeBack.get(1).path("mine").asBoolean()).isTrue();
    assertThat(pinned.data().path("message").path("pinned").path("by").asText())
        .isEqualTo(bob.id());
    assertThat(pins.data().path("messages")).hasSize(1);
    assertThat(pins.data().path("messages").get(0).path("_id").asText())
        .isEqualTo(m.path("_id").asText());

    JsonNode bobSees = find(history(bob, chat), m);
    assertThat(bobSees.path("text").asText()).isEqualTo("hello");
    assertThat(bobSees.path("reactions").get(0).path("mine").asBoolean()).isTrue();
    assertThat(bobSees.path("reactions").get(1).path("mine").asBoolean()).isFalse();
    assertThat(bobSees.path("pinned").path("by").asText()).isEqualTo(bob.id());

    Response unpinned = server.delete(message(chat, m) + "/pin", alice);
    Response deleted = server.delete(message(chat, m) + "?for=everyone", alice);

    assertThat(unpinned.data().path("message").has("pinned")).isFalse();
    assertThat(server.get(CHATS + "/" + chat + "/pins", bob).data().path("messages")).isEmpty();
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    JsonNode tombstone = deleted.data().path("message");
    assertThat(tombstone.path("deleted").asBoolean()).isTrue();
    assertThat(tombstone.path("text").asText()).isEmpty();
    assertThat(tombstone.path("reactions")).isEmpty();
    assertThat(tombstone.path("seq").asLong()).isEqualTo(m.path("seq").asLong());
    JsonNode bobSeesTombstone = find(history(bob, chat), m);
    assertThat(bobSeesTombstone.path("deleted").asBoolean()).isTrue();
    assertThat(bobSeesTombstone.path("text").asText()).isEmpty();
    refused(server.patch(message(chat, m), alice, edit("undo")), 409, "CONFLICT");
    refused(server.put(reaction(chat, m, HEART), bob, null), 409, "CONFLICT");

    List<String> bobHeard =
        server.events.receivedBy(UserId.of(bob.id()), ChatEvent.MessageChanged.class).stream()
            .map(ChatEvent.MessageChanged::name)
            .distinct()
            .toList();
    assertThat(bobHeard)
        .contains(
            "message:edited",
            "message:reaction",
            "message:pinned",
            "message:unpinned",
            "message:deleted");
  }

  @Test
  void deleteIsForMeUnlessAskedForEveryoneAndHidesTheMessageForTheCallerOnly() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "just between us");

    Response wrongScope = server.delete(message(chat, m) + "?for=all", bob);
    Response forMe = server.delete(message(chat, m), bob);
    Response again = server.delete(message(chat, m) + "?for=me", bob);
    Response bobEveryone = server.delete(message(chat, m) + "?for=everyone", bob);

    refused(wrongScope, 400, "INVALID_ARGUMENT");
    assertThat(forMe.status()).as(forMe.text()).isEqualTo(200);
    assertThat(forMe.data().path("message").path("hidden").asBoolean()).isTrue();
    assertThat(forMe.data().path("message").path("text").asText()).isEmpty();
    assertThat(again.status()).as("deleting for me twice is no error").isEqualTo(200);
    refused(bobEveryone, 404, "NOT_FOUND");
    assertThat(find(history(bob, chat), m).isMissingNode()).isTrue();
    assertThat(find(history(alice, chat), m).path("text").asText()).isEqualTo("just between us");
    assertThat(
            server.events.receivedBy(UserId.of(alice.id()), ChatEvent.MessageChanged.class).stream()
                .filter(e -> e.message().id().value().equals(m.path("_id").asText())))
        .as("a deletion for me is told to my devices only")
        .isEmpty();
  }

  // ---- a group

  @Test
  void inAGroupAdminsDeleteMembersMessagesMembersCannotPinAndFormerMembersDeleteForThemselves() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String group = group(alice, "Crew", bob, carol);
    JsonNode bobs = send(bob, group, "from bob");
    JsonNode carols = send(carol, group, "from carol");

    Response carolPins = server.put(message(group, bobs) + "/pin", carol, null);
    Response carolDeletesBobs = server.delete(message(group, bobs) + "?for=everyone", carol);
    Response ownerPins = server.put(message(group, carols) + "/pin", alice, null);
    Response ownerDeletes = server.delete(message(group, bobs) + "?for=everyone", alice);

    refused(carolPins, 403, "FORBIDDEN");
    refused(carolDeletesBobs, 403, "FORBIDDEN");
    assertThat(ownerPins.data().path("message").path("pinned").path("by").asText())
        .isEqualTo(alice.id());
    assertThat(ownerDeletes.status()).as(ownerDeletes.text()).isEqualTo(200);
    assertThat(ownerDeletes.data().path("message").path("deleted").asBoolean()).isTrue();
    assertThat(find(history(carol, group), bobs).path("deleted").asBoolean()).isTrue();

    assertThat(server.post(CHATS + "/" + group + "/leave", carol, null).status()).isEqualTo(200);
    Response formerDeletesForEveryone =
        server.delete(message(group, carols) + "?for=everyone", carol);
    Response formerReacts = server.put(reaction(group, carols, THUMBS_UP), carol, null);
    Response formerEdits = server.patch(message(group, carols), carol, edit("changed"));
    Response formerDeletesForMe = server.delete(message(group, carols), carol);

    refused(formerDeletesForEveryone, 403, "NOT_A_MEMBER");
    refused(formerReacts, 403, "NOT_A_MEMBER");
    refused(formerEdits, 403, "NOT_A_MEMBER");
    assertThat(formerDeletesForMe.status()).as(formerDeletesForMe.text()).isEqualTo(200);
    assertThat(formerDeletesForMe.data().path("message").path("hidden").asBoolean()).isTrue();
    assertThat(find(history(bob, group), carols).path("text").asText()).isEqualTo("from carol");
  }

  // ---- a support chat

  @Test
  void staffEditAndDeleteTheDesksReplyWithTheirOwnTokenAndTheUserCannot() {
    User user = server.user("Dana");
    User stranger = server.user("Eve");
    User staff = server.admin();
    Response opened =
        server.post("/api/v1/admin/support/chats", staff, "{\"userId\":" + quote(user.id()) + "}");
    assertThat(opened.status()).as(opened.text()).isEqualTo(200);
    String chat = opened.data().path("chat").path("_id").asText();
    Response replied =
        server.post("/api/v1/admin/support/chats/" + chat + "/messages", staff, text("Hi, how?"));
    assertThat(replied.status()).as(replied.text()).isEqualTo(201);
    JsonNode desk = replied.data().path("message");
    JsonNode users = send(user, chat, "my question");

    Response userEdits = server.patch(message(chat, desk), user, edit("mine now"));
    Response strangerEdits = server.patch(message(chat, desk), stranger, edit("mine now"));
    Response staffEditsUsers = server.patch(message(chat, users), staff, edit("rewritten"));
    Response staffEdits = server.patch(message(chat, desk), staff, edit("Hi, how can we help?"));

    refused(userEdits, 403, "FORBIDDEN");
    refused(strangerEdits, 404, "NOT_FOUND");
    refused(staffEditsUsers, 403, "FORBIDDEN");
    assertThat(staffEdits.status()).as(staffEdits.text()).isEqualTo(200);
    assertThat(staffEdits.data().path("message").path("sender").asText())
        .isEqualTo(desk.path("sender").asText());
    JsonNode userSees = find(history(user, chat), desk);
    assertThat(userSees.path("text").asText()).isEqualTo("Hi, how can we help?");
    assertThat(userSees.path("edited").asBoolean()).isTrue();

    Response userDeletesDesksForEveryone =
        server.delete(message(chat, desk) + "?for=everyone", user);
    Response staffDeletes = server.delete(message(chat, desk) + "?for=everyone", staff);

    refused(userDeletesDesksForEveryone, 403, "FORBIDDEN");
    assertThat(staffDeletes.data().path("message").path("deleted").asBoolean()).isTrue();
    assertThat(find(history(user, chat), desk).path("deleted").asBoolean()).isTrue();
    assertThat(find(history(user, chat), users).path("text").asText()).isEqualTo("my question");
  }

  // ---- windows and limits

  @Test
  void pastTheEditWindowAnEditIsWindowClosedAndPastTheDeleteWindowADeleteForEveryoneToo() {
    try (TestServer timed = newServer(ChatSettings.defaults())) {
      User alice = timed.user("Alice");
      User bob = timed.user("Bob");
      User carol = timed.user("Carol");
      String chat = chatId(timed, alice, bob);
      JsonNode m = send(timed, alice, chat, "first draft");

      timed.clock.advance(Duration.ofMinutes(16));
      Response lateEdit = timed.patch(message(chat, m), alice, edit("second draft"));

      refused(lateEdit, 409, "WINDOW_CLOSED");
      assertThat(find(history(timed, bob, chat), m).path("text").asText()).isEqualTo("first draft");
      assertThat(find(history(timed, bob, chat), m).has("edited")).isFalse();

      timed.clock.advance(Duration.ofMinutes(45));
      Response lateDelete = timed.delete(message(chat, m) + "?for=everyone", alice);
      Response deleteForMe = timed.delete(message(chat, m) + "?for=me", alice);

      refused(lateDelete, 409, "WINDOW_CLOSED");
      assertThat(deleteForMe.status()).isEqualTo(200);
      assertThat(find(history(timed, bob, chat), m).path("text").asText()).isEqualTo("first draft");

      Response created =
          timed.post(
              CHATS + "/groups",
              alice,
              "{\"name\":\"Late\",\"members\":[" + quote(carol.id()) + "]}");
      String group = created.data().path("chat").path("_id").asText();
      JsonNode carols = send(timed, carol, group, "old news");
      timed.clock.advance(Duration.ofHours(3));
      Response ownerDeletesLate = timed.delete(message(group, carols) + "?for=everyone", alice);
      Response carolDeletesLate = timed.delete(message(group, carols) + "?for=everyone", carol);

      assertThat(ownerDeletesLate.status())
          .as("a group's owner deletes members' messages at any time: " + ownerDeletesLate.text())
          .isEqualTo(200);
      assertThat(carolDeletesLate.status())
          .as("an already deleted message stays deleted")
          .isEqualTo(200);
    }
  }

  @Test
  void anAllowListOfReactionsRefusesEveryOtherEmoji() {
    try (TestServer strict =
        newServer(
            ChatSettings.defaults()
                .withMessageRules(
                    new MessageRules(
                        Duration.ofMinutes(15),
                        Duration.ofHours(1),
                        1,
                        20,
                        Set.of(THUMBS_UP, "+1"))))) {
      User alice = strict.user("Alice");
      User bob = strict.user("Bob");
      String chat = chatId(strict, alice, bob);
      JsonNode m = send(strict, alice, chat, "vote");
      JsonNode n = send(strict, alice, chat, "again");

      Response allowed = strict.put(reaction(chat, m, THUMBS_UP), bob, null);
      Response plusOne = strict.put(message(chat, m) + "/reactions/+1", bob, null);
      Response other = strict.put(reaction(chat, m, HEART), bob, null);
      Response firstPin = strict.put(message(chat, m) + "/pin", bob, null);
      Response secondPin = strict.put(message(chat, n) + "/pin", bob, null);

      assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);
      assertThat(plusOne.data().path("message").path("reactions").get(1).path("emoji").asText())
          .as("a + in the path is a plus, not a space")
          .isEqualTo("+1");
      refused(other, 400, "INVALID_ARGUMENT");
      assertThat(firstPin.status()).isEqualTo(200);
      refused(secondPin, 409, "LIMIT_REACHED");
    }
  }

  @ParameterizedTest(name = "the reaction {0} is refused")
  @ValueSource(
      strings = {
        "a",
        "ok",
        "\uD83D\uDC4D\uD83D\uDC4D",
        "\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D"
            + "\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D"
            + "\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D",
        " ",
        "<script>"
      })
  void anInvalidOrOversizedEmojiIsInvalidArgumentAndChangesNothing(String emoji) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "react to me");

    Response r = server.put(reaction(chat, m, emoji), bob, null);

    refused(r, 400, "INVALID_ARGUMENT");
    assertThat(find(history(bob, chat), m).path("reactions")).isEmpty();
    JsonNode feed = changes(bob, chat, "");
    assertThat(feed.path("messages")).isEmpty();
    assertThat(feed.path("upTo").asLong()).isZero();
  }

  @Test
  void theTwentyFirstDistinctReactionIsLimitReachedButAKnownOneStillCounts() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "popular");
    for (int i = 0; i < 20; i++) {
      String emoji = Character.toString(0x1F600 + i);
      Response r = server.put(reaction(chat, m, emoji), i % 2 == 0 ? alice : bob, null);
      assertThat(r.status()).as(emoji + " " + r.text()).isEqualTo(200);
    }

    Response twentyFirst =
        server.put(reaction(chat, m, Character.toString(0x1F600 + 20)), bob, null);
    Response known = server.put(reaction(chat, m, Character.toString(0x1F600)), bob, null);

    refused(twentyFirst, 409, "LIMIT_REACHED");
    JsonNode reactions = known.data().path("message").path("reactions");
    assertThat(reactions).hasSize(20);
    assertThat(reactions.get(0).path("count").asLong()).isEqualTo(2);
    assertThat(find(history(alice, chat), m).path("reactions")).hasSize(20);
  }

  @Test
  void theEleventhPinIsLimitReachedUntilOneIsUnpinned() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    List<JsonNode> sent = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      sent.add(send(alice, chat, "note " + i));
    }
    for (int i = 0; i < 10; i++) {
      Response r = server.put(message(chat, sent.get(i)) + "/pin", i % 2 == 0 ? alice : bob, null);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    Response eleventh = server.put(message(chat, sent.get(10)) + "/pin", alice, null);

    refused(eleventh, 409, "LIMIT_REACHED");
    JsonNode pins = server.get(CHATS + "/" + chat + "/pins", bob).data().path("messages");
    assertThat(pins).hasSize(10);
    assertThat(pins.get(0).path("_id").asText())
        .as("latest pin first")
        .isEqualTo(sent.get(9).path("_id").asText());

    assertThat(server.delete(message(chat, sent.get(0)) + "/pin", bob).status()).isEqualTo(200);
    assertThat(server.put(message(chat, sent.get(10)) + "/pin", alice, null).status())
        .isEqualTo(200);
  }

  // ---- refusals

  @Test
  void anUnknownMessageAndAMessageOfAnotherChatAreNotFoundOnEveryRoute() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String withBob = chatId(alice, bob);
    String withCarol = chatId(alice, carol);
    JsonNode carols = send(alice, withCarol, "for carol");
    String elsewhere = CHATS + "/" + withBob + "/messages/" + carols.path("_id").asText();
    String unknown = CHATS + "/" + withBob + "/messages/" + TestServer.newId();

    for (String path : List.of(elsewhere, unknown)) {
      refused(server.patch(path, alice, edit("x")), 404, "NOT_FOUND");
      refused(server.delete(path, alice), 404, "NOT_FOUND");
      refused(server.delete(path + "?for=everyone", alice), 404, "NOT_FOUND");
      refused(server.put(path + "/reactions/" + encode(THUMBS_UP), alice, null), 404, "NOT_FOUND");
      refused(server.delete(path + "/reactions/" + encode(THUMBS_UP), alice), 404, "NOT_FOUND");
      refused(server.put(path + "/pin", alice, null), 404, "NOT_FOUND");
      refused(server.delete(path + "/pin", alice), 404, "NOT_FOUND");
      refused(
          server.post(path + "/forward", alice, "{\"chatId\":" + quote(withCarol) + "}"),
          404,
          "NOT_FOUND");
    }
    refused(
        server.patch(CHATS + "/" + withBob + "/messages/xyz", alice, edit("x")),
        400,
        "INVALID_ARGUMENT");
    refused(server.get(CHATS + "/" + withCarol + "/changes", bob), 404, "NOT_FOUND");
    refused(server.get(CHATS + "/" + withCarol + "/pins", bob), 404, "NOT_FOUND");
    assertThat(find(history(carol, withCarol), carols).path("text").asText())
        .isEqualTo("for carol");
    assertThat(find(history(carol, withCarol), carols).path("change").asLong()).isZero();
  }

  @Test
  void aBlockedPairCannotReactEditOrPinInTheirChat() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "before the block");
    assertThat(server.post("/api/v1/users/" + bob.id() + "/block", alice, null).status())
        .isEqualTo(200);

    refused(server.put(reaction(chat, m, THUMBS_UP), bob, null), 403, "BLOCKED");
    refused(server.put(reaction(chat, m, THUMBS_UP), alice, null), 403, "BLOCKED");
    refused(server.patch(message(chat, m), alice, edit("after")), 403, "BLOCKED");
    refused(server.put(message(chat, m) + "/pin", bob, null), 403, "BLOCKED");

    assertThat(server.delete("/api/v1/users/" + bob.id() + "/block", alice).status())
        .isEqualTo(200);
    JsonNode seen = find(history(alice, chat), m);
    assertThat(seen.path("reactions")).isEmpty();
    assertThat(seen.path("text").asText()).isEqualTo("before the block");
    assertThat(seen.has("pinned")).isFalse();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("PATCH", "", "not json"),
        Arguments.of("PATCH", "", "{\"text\":5}"),
        Arguments.of("PATCH", "", "{\"text\":null}"),
        Arguments.of("PATCH", "", "{}"),
        Arguments.of("PATCH", "", null),
        Arguments.of("PATCH", "", "{\"text\":\"\"}"),
        Arguments.of("PATCH", "", "{\"text\":\"x\",\"sender\":\"someone\"}"),
        Arguments.of("PATCH", "", "[\"text\"]"),
        Arguments.of("DELETE", "?for=everybody", null),
        Arguments.of("POST", "/forward", "{}"),
        Arguments.of("POST", "/forward", "{\"chatId\":5}"),
        Arguments.of("POST", "/forward", "{\"chatId\":\"not an id\"}"),
        Arguments.of("POST", "/forward", "{\"chatId\":\"{chat}\",\"clientMessageId\":7}"),
        Arguments.of("POST", "/forward", "{\"chatId\":\"{chat}\",\"text\":\"x\"}"),
        Arguments.of("POST", "/forward", null));
  }

  @ParameterizedTest(name = "{0} {1} with {2} is refused")
  @MethodSource("malformed")
  void malformedRequestsAreInvalidArgumentAndChangeNothing(
      String method, String suffix, String body) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "unchanged");

    Response r =
        server.send(
            method,
            message(chat, m) + suffix,
            "Bearer " + alice.token(),
            body == null ? null : body.replace("{chat}", chat));

    refused(r, 400, "INVALID_ARGUMENT");
    JsonNode after = find(history(bob, chat), m);
    assertThat(after.path("text").asText()).isEqualTo("unchanged");
    assertThat(after.path("change").asLong()).isZero();
    assertThat(history(alice, chat).path("messages")).hasSize(1);
  }

  @ParameterizedTest(name = "changes with {0} is refused")
  @ValueSource(
      strings = {
        "?since=abc",
        "?since=-1",
        "?since=1.5",
        "?limit=0",
        "?limit=201",
        "?since=1&since=2"
      })
  void aBadChangesQueryIsInvalidArgument(String query) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);

    refused(server.get(CHATS + "/" + chat + "/changes" + query, alice), 400, "INVALID_ARGUMENT");
  }

  // ---- replies

  @Test
  void aReplyQuotesAMessageOfTheSameChatAndItsPreviewSaysDeletedOnceItIsDeletedForEveryone() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String chat = chatId(alice, bob);
    String other = chatId(bob, carol);
    JsonNode question = send(alice, chat, "Dinner at eight?");
    String replyTo = ",\"replyTo\":" + quote(question.path("_id").asText()) + "}";

    Response reply =
        server.post(CHATS + "/" + chat + "/messages", bob, "{\"text\":\"Yes!\"" + replyTo);
    Response elsewhere =
        server.post(CHATS + "/" + other + "/messages", bob, "{\"text\":\"Yes!\"" + replyTo);
    Response badId =
        server.post(CHATS + "/" + chat + "/messages", bob, "{\"text\":\"x\",\"replyTo\":\"q\"}");
    Response wrongType =
        server.post(CHATS + "/" + chat + "/messages", bob, "{\"text\":\"x\",\"replyTo\":5}");

    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    JsonNode quoted = reply.data().path("message").path("replyTo");
    assertThat(quoted.path("_id").asText()).isEqualTo(question.path("_id").asText());
    assertThat(quoted.path("seq").asLong()).isEqualTo(question.path("seq").asLong());
    assertThat(quoted.path("sender").asText()).isEqualTo(alice.id());
    assertThat(quoted.path("text").asText()).isEqualTo("Dinner at eight?");
    assertThat(quoted.path("deleted").asBoolean()).isFalse();
    refused(elsewhere, 404, "NOT_FOUND");
    refused(badId, 400, "INVALID_ARGUMENT");
    refused(wrongType, 400, "INVALID_ARGUMENT");
    assertThat(history(bob, other).path("messages")).isEmpty();

    assertThat(server.delete(message(chat, question) + "?for=everyone", alice).status())
        .isEqualTo(200);
    Response toDeleted =
        server.post(CHATS + "/" + chat + "/messages", bob, "{\"text\":\"late\"" + replyTo);

    JsonNode preview = find(history(alice, chat), reply.data().path("message")).path("replyTo");
    assertThat(preview.path("deleted").asBoolean()).isTrue();
    assertThat(preview.path("text").asText()).isEmpty();
    assertThat(preview.path("sender").asText()).isEqualTo(alice.id());
    refused(toDeleted, 409, "CONFLICT");
  }

  // ---- forwarding

  @Test
  void aForwardedCopyLandsInAnotherChatMarkedForwardedWithoutNamingItsSource() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    User dave = server.user("Dave");
    String source = chatId(alice, bob);
    String target = chatId(alice, carol);
    String blocked = chatId(alice, dave);
    String strangers = group(bob, "Not Alice's", carol);
    String announcements = group(bob, "News", alice);
    assertThat(server.patch(CHATS + "/" + announcements, bob, "{\"onlyAdminsSend\":true}").status())
        .isEqualTo(200);
    JsonNode original = send(bob, source, "Worth sharing");
    String forward = message(source, original) + "/forward";

    Response forwarded =
        server.post(
            forward, alice, "{\"chatId\":" + quote(target) + ",\"clientMessageId\":\"fw-1\"}");
    Response retried =
        server.post(
            forward, alice, "{\"chatId\":" + quote(target) + ",\"clientMessageId\":\"fw-1\"}");

    assertThat(forwarded.status()).as(forwarded.text()).isEqualTo(201);
    JsonNode copy = forwarded.data().path("message");
    assertThat(copy.path("chatId").asText()).isEqualTo(target);
    assertThat(copy.path("sender").asText()).isEqualTo(alice.id());
    assertThat(copy.path("text").asText()).isEqualTo("Worth sharing");
    assertThat(copy.path("forwarded").asBoolean()).isTrue();
    assertThat(copy.path("_id").asText()).isNotEqualTo(original.path("_id").asText());
    assertThat(forwarded.text()).doesNotContain(source).doesNotContain(bob.id());
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.data().path("message").path("_id").asText())
        .isEqualTo(copy.path("_id").asText());
    JsonNode carolSees = find(history(carol, target), copy);
    assertThat(carolSees.path("forwarded").asBoolean()).isTrue();
    assertThat(carolSees.toString()).doesNotContain(source);

    assertThat(server.post("/api/v1/users/" + alice.id() + "/block", dave, null).status())
        .isEqualTo(200);
    refused(server.post(forward, alice, "{\"chatId\":" + quote(strangers) + "}"), 404, "NOT_FOUND");
    refused(server.post(forward, alice, "{\"chatId\":" + quote(blocked) + "}"), 403, "BLOCKED");
    refused(
        server.post(forward, alice, "{\"chatId\":" + quote(announcements) + "}"), 403, "FORBIDDEN");
    refused(server.post(forward, carol, "{\"chatId\":" + quote(target) + "}"), 404, "NOT_FOUND");
    assertThat(history(carol, target).path("messages")).hasSize(1);

    assertThat(server.delete(message(source, original) + "?for=everyone", bob).status())
        .isEqualTo(200);
    refused(server.post(forward, alice, "{\"chatId\":" + quote(target) + "}"), 409, "CONFLICT");
  }

  // ---- catching up

  @Test
  void theChangesFeedPagesThroughEditsDeletionsAndReactionsAndHistoryTellsWhereItStands() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode first = send(alice, chat, "one");
    JsonNode second = send(alice, chat, "two");
    JsonNode third = send(alice, chat, "three");
    assertThat(history(bob, chat).path("lastChange").asLong()).isZero();
    assertThat(changes(bob, chat, "").toString())
        .isEqualTo("{\"messages\":[],\"upTo\":0,\"hasMore\":false}");

    assertThat(server.patch(message(chat, first), alice, edit("one!")).status()).isEqualTo(200);
    assertThat(server.put(reaction(chat, second, THUMBS_UP), bob, null).status()).isEqualTo(200);
    assertThat(server.delete(message(chat, third) + "?for=everyone", alice).status())
        .isEqualTo(200);
    assertThat(server.patch(message(chat, first), alice, edit("one!!")).status()).isEqualTo(200);

    JsonNode all = changes(bob, chat, "?since=0");
    assertThat(ids(all)).containsExactly(id(second), id(third), id(first));
    assertThat(all.path("upTo").asLong()).isEqualTo(4);
    assertThat(all.path("hasMore").asBoolean()).isFalse();
    assertThat(all.path("messages").get(0).path("reactions").get(0).path("mine").asBoolean())
        .isTrue();
    assertThat(all.path("messages").get(1).path("deleted").asBoolean()).isTrue();
    assertThat(all.path("messages").get(2).path("text").asText()).isEqualTo("one!!");
    assertThat(all.path("messages").get(2).path("change").asLong()).isEqualTo(4);

    List<String> paged = new ArrayList<>();
    long since = 0;
    int pages = 0;
    boolean more = true;
    while (more) {
      JsonNode page = changes(bob, chat, "?since=" + since + "&limit=1");
      assertThat(page.path("messages")).hasSize(1);
      paged.addAll(ids(page));
      assertThat(page.path("upTo").asLong()).isGreaterThan(since);
      since = page.path("upTo").asLong();
      more = page.path("hasMore").asBoolean();
      pages++;
    }
    assertThat(paged).containsExactly(id(second), id(third), id(first));
    assertThat(pages).isEqualTo(3);
    assertThat(since).isEqualTo(4);

    JsonNode page = history(bob, chat);
    assertThat(page.path("lastChange").asLong()).isEqualTo(4);
    assertThat(changes(bob, chat, "?since=4").path("messages")).isEmpty();

    assertThat(server.delete(message(chat, second), bob).status()).isEqualTo(200);
    JsonNode bobs = changes(bob, chat, "?since=4");
    JsonNode alices = changes(alice, chat, "?since=4");
    assertThat(bobs.path("messages").get(0).path("hidden").asBoolean()).isTrue();
    assertThat(bobs.path("upTo").asLong()).isEqualTo(5);
    assertThat(alices.path("messages").get(0).has("hidden")).isFalse();
    assertThat(alices.path("messages").get(0).path("text").asText()).isEqualTo("two");
    assertThat(history(alice, chat).path("lastChange").asLong()).isEqualTo(5);
  }

  private static String id(JsonNode message) {
    return message.path("_id").asText();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("messages").forEach(m -> ids.add(id(m)));
    return ids;
  }
}
