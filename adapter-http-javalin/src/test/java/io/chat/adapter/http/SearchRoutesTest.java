package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/v1/search} over a real HTTP server: matches, scope, paging and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchRoutesTest {
  private static final String CHATS = "/api/v1/chats";
  private static final String SEARCH = "/api/v1/search";

  TestServer server;

  /** The server the suite runs on: the in-memory ports here, another storage in a subclass. */
  TestServer newServer() {
    return new TestServer();
  }

  /** Closes what a subclass's storage holds, after the server. */
  void closeStorage() {}

  @BeforeAll
  void start() {
    server = newServer();
  }

  @AfterAll
  void stop() {
    server.close();
    closeStorage();
  }

  private String chatId(User me, User other) {
    return server.chatWith(me, other);
  }

  private JsonNode send(User from, String chat, String text) {
    return server.sendInto(from, chat, text);
  }

  private Response search(User me, String query) {
    return server.get(SEARCH + query, me);
  }

  private static String q(String words) {
    return "?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
  }

  private static List<String> texts(Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<String> texts = new ArrayList<>();
    r.data().path("messages").forEach(m -> texts.add(m.path("text").asText()));
    return texts;
  }

  @Test
  void wordsMatchWhateverTheirCaseAndAccentsNewestFirstAcrossMyChats() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User carol = server.user("Carol");
    String withBob = chatId(alice, bob);
    String withCarol = chatId(alice, carol);
    send(alice, withBob, "Le Café ouvre à huit heures");
    send(bob, withBob, "Nothing to see here");
    send(carol, withCarol, "cafe tomorrow?");

    Response found = search(alice, q("CAFÉ"));
    Response bothWords = search(alice, q("cafe huit"));
    Response inOneChat = search(alice, q("cafe") + "&chatId=" + withCarol);

    assertThat(texts(found)).containsExactly("cafe tomorrow?", "Le Café ouvre à huit heures");
    JsonNode first = found.data().path("messages").get(0);
    assertThat(first.path("chatId").asText()).isEqualTo(withCarol);
    assertThat(first.path("change").isNumber()).isTrue();
    assertThat(found.data().path("nextCursor").isNull()).isTrue();
    assertThat(texts(bothWords)).containsExactly("Le Café ouvre à huit heures");
    assertThat(texts(inOneChat)).containsExactly("cafe tomorrow?");
    assertThat(texts(search(bob, q("cafe")))).containsExactly("Le Café ouvre à huit heures");
  }

  @Test
  void pagesFollowTheCursorToTheEnd() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    for (int i = 1; i <= 3; i++) {
      send(alice, chat, "ticket number " + i);
    }

    List<String> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      Response page = search(bob, q("ticket") + "&limit=2" + cursor);
      seen.addAll(texts(page));
      JsonNode next = page.data().path("nextCursor");
      cursor =
          next.isNull()
              ? null
              : "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
      pages++;
    } while (cursor != null);

    assertThat(seen).containsExactly("ticket number 3", "ticket number 2", "ticket number 1");
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void deletedMessagesAreNotFoundAndEditedOnesByTheirNewWords() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String chat = chatId(alice, bob);
    JsonNode gone = send(alice, chat, "secret plan alpha");
    JsonNode mine = send(bob, chat, "secret plan beta");
    JsonNode edited = send(alice, chat, "draft gamma");
    String messages = CHATS + "/" + chat + "/messages/";

    assertThat(
            server.delete(messages + gone.path("_id").asText() + "?for=everyone", alice).status())
        .isEqualTo(200);
    assertThat(server.delete(messages + mine.path("_id").asText(), alice).status()).isEqualTo(200);
    assertThat(
            server
                .patch(messages + edited.path("_id").asText(), alice, text("final delta"))
                .status())
        .isEqualTo(200);

    assertThat(texts(search(alice, q("secret")))).isEmpty();
    assertThat(texts(search(bob, q("secret")))).containsExactly("secret plan beta");
    assertThat(texts(search(bob, q("gamma")))).isEmpty();
    assertThat(texts(search(bob, q("delta")))).containsExactly("final delta");
  }

  @Test
  void aChatNotMineIsNotFoundAndABlockedPairsChatIsNotSearched() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    User mallory = server.user("Mallory");
    String chat = chatId(alice, bob);
    send(bob, chat, "unique needle");

    Response stranger = search(mallory, q("needle") + "&chatId=" + chat);
    assertThat(server.post("/api/v1/users/" + bob.id() + "/block", alice, null).status())
        .isEqualTo(200);
    Response blockedChat = search(alice, q("needle") + "&chatId=" + chat);
    Response everywhere = search(alice, q("needle"));

    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.code()).isEqualTo("NOT_FOUND");
    assertThat(blockedChat.status()).isEqualTo(403);
    assertThat(blockedChat.code()).isEqualTo("BLOCKED");
    assertThat(texts(everywhere)).isEmpty();
  }

  @ParameterizedTest(name = "search with {0} is refused")
  @ValueSource(
      strings = {
        "",
        "?q=",
        "?q=%21%3F",
        "?q=word&limit=0",
        "?q=word&limit=201",
        "?q=word&cursor=not-a-cursor",
        "?q=word&chatId=not%20an%20id",
        "?q=a&q=b"
      })
  void aBadSearchIsInvalidArgument(String query) {
    User alice = server.user("Alice");

    Response r = search(alice, query);

    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void aQueryOverAThousandCharactersIsInvalidArgument() {
    User alice = server.user("Alice");

    Response r = search(alice, q("word ".repeat(201)));

    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void searchNeedsAToken() {
    Response r = server.get(SEARCH + q("x"), null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
  }
}
