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
import io.chat.domain.group.GroupRules;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delivery receipts (sent, delivered, seen, as the sender sees them in history) and archiving, over
 * a real HTTP server, in chats of two and groups: answers, events, and refusals that change
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiptsAndArchiveRoutesTest {
  private static final String CHATS = "/api/v1/chats";

  /** Groups of up to this many members share presence, and so delivery events. */
  private static final int PRESENCE_SIZE = 3;

  TestServer server;

  /** A server with these core settings: the in-memory ports here, another storage in a subclass. */
  TestServer newServer(ChatSettings settings) {
    return new TestServer(settings);
  }

  /** Closes what a subclass's storage holds, after the server. */
  void closeStorage() {}

  @BeforeAll
  void start() {
    server =
        newServer(
            ChatSettings.defaults().withGroupRules(new GroupRules(1_000, 100, PRESENCE_SIZE)));
  }

  @AfterAll
  void stop() {
    server.close();
    closeStorage();
  }

  // ---- helpers

  private String chatId(User me, User other) {
    return server.chatWith(me, other);
  }

  private JsonNode send(User from, String chat, String text) {
    return server.sendInto(from, chat, text);
  }

  private String group(User owner, User... members) {
    List<String> ids = new ArrayList<>();
    for (User m : members) {
      ids.add(quote(m.id()));
    }
    Response r =
        server.post(
            CHATS + "/groups",
            owner,
            "{\"name\":\"Trip\",\"members\":[" + String.join(",", ids) + "]}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.data().path("chat").path("_id").asText();
  }

  /** The message as {@code me} sees it in the chat's latest history page. */
  private JsonNode seenBy(User me, String chat, JsonNode message) {
    Response r = server.get(CHATS + "/" + chat + "/messages", me);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    for (JsonNode m : r.data().path("messages")) {
      if (m.path("_id").asText().equals(message.path("_id").asText())) {
        return m;
      }
    }
    return MissingNode.getInstance();
  }

  private Response delivered(User me, String chat, String body) {
    return server.post(CHATS + "/" + chat + "/delivered", me, body);
  }

  private long deliveredSeq(User me, String chat, long seq) {
    Response r = delivered(me, chat, "{\"seq\":" + seq + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.data().path("chatId").asText()).isEqualTo(chat);
    return r.data().path("deliveredSeq").asLong();
  }

  private List<ChatEvent.Delivered> deliveredEvents(User to) {
    return server.events.receivedBy(UserId.of(to.id()), ChatEvent.Delivered.class);
  }

  /** Waits for {@code to}'s first delivery event (a history fetch sends its receipt unawaited). */
  private ChatEvent.Delivered awaitDeliveredEvent(User to) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (deliveredEvents(to).isEmpty()) {
      assertThat(System.nanoTime()).as("no delivered event for " + to.id()).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(5);
    }
    return deliveredEvents(to).get(0);
  }

  private List<String> listed(User me, String query) {
    Response r = server.get(query, me);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.data().path("chats").forEach(c -> ids.add(c.path("_id").asText()));
    return ids;
  }

  private Response archive(User me, String chat, boolean archived) {
    String path = CHATS + "/" + chat + "/archive";
    return archived ? server.put(path, me, null) : server.delete(path, me);
  }

  private static void refused(Response r, int status, String code) {
    r.assertRefused(status, code);
  }

  // ---- delivery receipts

  @Test
  void theSenderSeesAMessageGoFromSentToDeliveredToSeen() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "hi");

    assertThat(m.path("delivered").asBoolean()).isFalse();
    assertThat(m.path("seen").asBoolean()).isFalse();
    JsonNode sent = seenBy(alice, chat, m);
    assertThat(sent.path("delivered").asBoolean()).as("sent").isFalse();
    assertThat(sent.path("seen").asBoolean()).isFalse();

    assertThat(deliveredSeq(bob, chat, 1)).isEqualTo(1);

    JsonNode delivered = seenBy(alice, chat, m);
    assertThat(delivered.path("delivered").asBoolean()).as("delivered").isTrue();
    assertThat(delivered.path("seen").asBoolean()).isFalse();
    assertThat(deliveredEvents(alice))
        .containsExactly(new ChatEvent.Delivered(UserId.of(bob.id()), ChatId.of(chat), 1));
    assertThat(deliveredEvents(bob)).isEmpty();
    JsonNode preview = server.get(CHATS + "/" + chat, alice).data().path("chat");
    assertThat(preview.path("lastMessage").path("delivered").asBoolean()).isTrue();

    Response read = server.post(CHATS + "/" + chat + "/read", bob, null);
    assertThat(read.status()).as(read.text()).isEqualTo(200);

    JsonNode seen = seenBy(alice, chat, m);
    assertThat(seen.path("delivered").asBoolean()).as("seen").isTrue();
    assertThat(seen.path("seen").asBoolean()).isTrue();
  }

  @Test
  void fetchingHistoryByChatIdIsADeliveryReceipt() throws InterruptedException {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode first = send(alice, chat, "one");
    JsonNode second = send(alice, chat, "two");

    Response page = server.get(CHATS + "/" + chat + "/messages", bob);
    assertThat(page.status()).as(page.text()).isEqualTo(200);

    assertThat(awaitDeliveredEvent(alice))
        .isEqualTo(new ChatEvent.Delivered(UserId.of(bob.id()), ChatId.of(chat), 2));
    for (JsonNode m : List.of(first, second)) {
      JsonNode shown = seenBy(alice, chat, m);
      assertThat(shown.path("delivered").asBoolean()).isTrue();
      assertThat(shown.path("seen").asBoolean()).isFalse();
    }
    // Bob's own fetch delivered to alice; alice fetching her own messages delivers nothing.
    assertThat(deliveredEvents(bob)).isEmpty();
    JsonNode bobsView = seenBy(bob, chat, second);
    assertThat(bobsView.path("delivered").asBoolean()).as("bob received it").isTrue();
    assertThat(bobsView.path("seen").asBoolean()).isFalse();
  }

  @Test
  void aDeliveredMarkNeverMovesBackNorPastTheLastMessage() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode one = send(alice, chat, "one");
    send(alice, chat, "two");
    JsonNode three = send(alice, chat, "three");

    assertThat(deliveredSeq(bob, chat, 2)).isEqualTo(2);
    assertThat(deliveredSeq(bob, chat, 1)).as("a lower seq answers the higher mark").isEqualTo(2);
    assertThat(deliveredSeq(bob, chat, 0)).isEqualTo(2);

    assertThat(seenBy(alice, chat, one).path("delivered").asBoolean()).isTrue();
    assertThat(seenBy(alice, chat, three).path("delivered").asBoolean()).isFalse();
    assertThat(deliveredEvents(alice)).extracting(ChatEvent.Delivered::seq).containsExactly(2L);

    assertThat(deliveredSeq(bob, chat, 99)).as("never past the chat's last message").isEqualTo(3);
    JsonNode four = send(alice, chat, "four");
    assertThat(seenBy(alice, chat, three).path("delivered").asBoolean()).isTrue();
    assertThat(seenBy(alice, chat, four).path("delivered").asBoolean()).isFalse();
    assertThat(deliveredEvents(alice)).extracting(ChatEvent.Delivered::seq).containsExactly(2L, 3L);
  }

  @Test
  void aChatThatIsNotMineIsNotFoundAndNothingMoves() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "private");
    server.events.clear();

    refused(delivered(carol, chat, "{\"seq\":1}"), 404, "NOT_FOUND");
    refused(archive(carol, chat, true), 404, "NOT_FOUND");
    refused(archive(carol, chat, false), 404, "NOT_FOUND");
    refused(delivered(carol, "65a0000000000000000000aa", "{\"seq\":1}"), 404, "NOT_FOUND");

    assertThat(seenBy(alice, chat, m).path("delivered").asBoolean()).isFalse();
    assertThat(server.events.deliveries()).isEmpty();
    assertThat(listed(alice, CHATS)).containsExactly(chat);
  }

  @Test
  void inASmallGroupTheSenderSeesDeliveredOnceAnotherMemberReceivedIt() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String group = group(alice, bob, carol);
    JsonNode m = send(alice, group, "hello");
    assertThat(seenBy(alice, group, m).path("delivered").asBoolean()).isFalse();
    server.events.clear();

    assertThat(deliveredSeq(carol, group, m.path("seq").asLong()))
        .isEqualTo(m.path("seq").asLong());

    JsonNode shown = seenBy(alice, group, m);
    assertThat(shown.path("delivered").asBoolean()).isTrue();
    assertThat(shown.path("seen").asBoolean()).isFalse();
    ChatEvent.Delivered told =
        new ChatEvent.Delivered(UserId.of(carol.id()), ChatId.of(group), m.path("seq").asLong());
    assertThat(deliveredEvents(alice)).containsExactly(told);
    assertThat(deliveredEvents(bob)).containsExactly(told);
    assertThat(deliveredEvents(carol)).isEmpty();

    server.post(CHATS + "/" + group + "/read", bob, null);
    assertThat(seenBy(alice, group, m).path("seen").asBoolean()).isTrue();
  }

  @Test
  void aGroupLargerThanThePresenceSizeShowsDeliveryWithoutTellingEveryMember() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    User dave = server.user("Dave");
    String group = group(alice, bob, carol, dave);
    JsonNode m = send(alice, group, "hello all");
    server.events.clear();

    deliveredSeq(dave, group, m.path("seq").asLong());

    assertThat(seenBy(alice, group, m).path("delivered").asBoolean()).isTrue();
    assertThat(server.events.receivedBy(UserId.of(alice.id()))).isEmpty();
    assertThat(deliveredEvents(bob)).isEmpty();
  }

  // ---- archive

  @Test
  void archivingMovesAChatToTheArchivedListUntilANewMessageComes() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String withBob = chatId(alice, bob);
    String withCarol = chatId(alice, carol);
    send(alice, withBob, "one");
    send(alice, withCarol, "two");
    server.events.clear();

    Response archived = archive(alice, withBob, true);

    assertThat(archived.status()).as(archived.text()).isEqualTo(200);
    JsonNode chat = archived.data().path("chat");
    assertThat(chat.path("_id").asText()).isEqualTo(withBob);
    assertThat(chat.path("archived").asBoolean()).isTrue();
    assertThat(chat.path("lastChange").isIntegralNumber()).isTrue();
    assertThat(server.events.receivedBy(UserId.of(alice.id())))
        .containsExactly(new ChatEvent.ChatArchived(ChatId.of(withBob), true));
    assertThat(server.events.receivedBy(UserId.of(bob.id()))).isEmpty();
    assertThat(listed(alice, CHATS)).containsExactly(withCarol);
    assertThat(listed(alice, CHATS + "?archived=false")).containsExactly(withCarol);
    assertThat(listed(alice, CHATS + "?archived=true")).containsExactly(withBob);
    assertThat(listed(alice, CHATS + "?archived=true&type=user_chat")).containsExactly(withBob);
    assertThat(listed(alice, CHATS + "?archived=true&type=group")).isEmpty();
    assertThat(listed(alice, "/api/v1/chat")).as("the old list too").containsExactly(withCarol);
    assertThat(listed(bob, CHATS)).as("archived for alice only").containsExactly(withBob);
    assertThat(server.get(CHATS + "/" + withBob, alice).data().at("/chat/archived").asBoolean())
        .isTrue();

    send(bob, withBob, "back?");

    assertThat(listed(alice, CHATS)).containsExactlyInAnyOrder(withBob, withCarol);
    assertThat(listed(alice, CHATS + "?archived=true")).isEmpty();
    assertThat(listed(alice, "/api/v1/chat")).containsExactlyInAnyOrder(withBob, withCarol);
    assertThat(server.get(CHATS + "/" + withBob, alice).data().at("/chat/archived").asBoolean())
        .isFalse();
  }

  @Test
  void unarchivingBringsAChatBackAtOnce() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    send(bob, chat, "hi");
    archive(alice, chat, true);
    server.events.clear();

    Response back = archive(alice, chat, false);

    assertThat(back.status()).as(back.text()).isEqualTo(200);
    assertThat(back.data().path("chat").path("archived").asBoolean()).isFalse();
    assertThat(server.events.receivedBy(UserId.of(alice.id())))
        .containsExactly(new ChatEvent.ChatArchived(ChatId.of(chat), false));
    assertThat(listed(alice, CHATS)).containsExactly(chat);
    assertThat(listed(alice, CHATS + "?archived=true")).isEmpty();
  }

  @Test
  void aMutedArchivedChatStaysArchivedWhenAMessageComes() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    send(bob, chat, "hi");
    archive(alice, chat, true);
    Response muted = server.post(CHATS + "/" + chat + "/mute", alice, null);
    assertThat(muted.data().path("muted").asBoolean()).as(muted.text()).isTrue();

    send(bob, chat, "still there?");

    assertThat(listed(alice, CHATS + "?archived=true")).containsExactly(chat);
    assertThat(listed(alice, CHATS)).isEmpty();
    JsonNode view = server.get(CHATS + "/" + chat, alice).data().path("chat");
    assertThat(view.path("archived").asBoolean()).isTrue();
    assertThat(view.path("muted").asBoolean()).isTrue();
    assertThat(view.path("unreadCount").asLong()).as("still counted").isEqualTo(2);
  }

  @Test
  void aGroupIsArchivedForOneMemberOnlyUntilItsNextEntry() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String group = group(alice, bob, carol);

    Response archived = archive(bob, group, true);

    assertThat(archived.status()).as(archived.text()).isEqualTo(200);
    assertThat(archived.data().path("chat").path("archived").asBoolean()).isTrue();
    assertThat(listed(bob, CHATS + "?archived=true")).containsExactly(group);
    assertThat(listed(bob, CHATS + "?archived=true&type=group")).containsExactly(group);
    assertThat(listed(bob, CHATS)).isEmpty();
    assertThat(listed(alice, CHATS)).containsExactly(group);
    assertThat(listed(carol, CHATS)).containsExactly(group);
    assertThat(listed(alice, CHATS + "?archived=true")).isEmpty();

    send(alice, group, "who drives?");

    assertThat(listed(bob, CHATS)).containsExactly(group);
    assertThat(listed(bob, CHATS + "?archived=true")).isEmpty();
  }

  // ---- bad input

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"seq\":-1}",
        "{\"seq\":\"5\"}",
        "{}",
        "{\"seq\":null}",
        "{\"seq\":1.5}",
        "{\"seq\":true}",
        "{\"seq\":100000000000000000000000}",
        "{\"seq\":1,\"from\":\"someone\"}",
        "[1]"
      })
  void aBadSeqIsRefusedAndNothingMoves(String body) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "hi");
    server.events.clear();

    refused(delivered(bob, chat, body), 400, "INVALID_ARGUMENT");

    assertThat(seenBy(alice, chat, m).path("delivered").asBoolean()).isFalse();
    assertThat(server.events.deliveries()).isEmpty();
  }

  @Test
  void aReceiptWithoutABodyIsRefused() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode m = send(alice, chat, "hi");

    refused(delivered(bob, chat, null), 400, "INVALID_ARGUMENT");

    assertThat(seenBy(alice, chat, m).path("delivered").asBoolean()).isFalse();
  }

  @ParameterizedTest(name = "archived={0}")
  @ValueSource(strings = {"maybe", "1", "TRUE", "yes"})
  void anArchivedFilterThatIsNotABooleanIsRefused(String value) {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    send(alice, chat, "hi");
    archive(alice, chat, true);

    refused(server.get(CHATS + "?archived=" + value, alice), 400, "INVALID_ARGUMENT");

    assertThat(listed(alice, CHATS + "?archived=true")).containsExactly(chat);
    assertThat(listed(alice, CHATS)).isEmpty();
  }
}
