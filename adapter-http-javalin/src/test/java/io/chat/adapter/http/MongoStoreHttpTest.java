package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.Storage;
import io.chat.adapter.http.TestServer.User;
import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.mongo.MongoStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A slice of the HTTP tests on the Mongo adapter over the embedded store, instead of in memory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoStoreHttpTest {
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoStore store = connect(mongo);
  private final TestServer server = new TestServer(storage(store));

  @AfterAll
  void stop() {
    server.close();
    store.close();
    mongo.close();
  }

  /** A store on a database of its own, its indexes made, with short timeouts. */
  private static MongoStore connect(EmbeddedMongo mongo) {
    MongoStore store =
        MongoStore.connect(
            mongo.connectionString(),
            "http" + UUID.randomUUID().toString().replace("-", ""),
            STORE_TIMEOUT);
    return store.createIndexes().toCompletableFuture().join();
  }

  private static Storage storage(MongoStore store) {
    return new Storage(
        store.chats(),
        store.messages(),
        store.blocks(),
        store.mutes(),
        store.users(),
        store.pushTokens(),
        store.ids(),
        store.health());
  }

  @Test
  void sendAnswers201WithTheStoredMessage() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");

    Response r =
        server.post(
            chat(bob) + "/messages", alice, "{\"text\":\"hi\",\"clientMessageId\":\"c-1\"}");

    assertThat(r.status()).isEqualTo(201);
    JsonNode m = r.data().path("message");
    assertThat(m.path("_id").asText()).matches("[0-9a-f]{24}");
    assertThat(m.path("chatId").asText()).matches("[0-9a-f]{24}");
    assertThat(m.path("sender").asText()).isEqualTo(alice.id());
    assertThat(m.path("text").asText()).isEqualTo("hi");
    assertThat(m.path("seq").asLong()).isEqualTo(1);
    assertThat(m.path("clientMessageId").asText()).isEqualTo("c-1");
    assertThat(server.get(chat(alice) + "/messages", bob).data().path("messages")).hasSize(1);
  }

  @Test
  void repeatedClientMessageIdAnswers200WithTheStoredMessageAndStoresOne() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    String body = "{\"text\":\"once\",\"clientMessageId\":\"retry-1\"}";

    Response first = server.post(chat(bob) + "/messages", alice, body);
    Response second = server.post(chat(bob) + "/messages", alice, body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.data().path("message").path("_id").asText())
        .isEqualTo(first.data().path("message").path("_id").asText());
    assertThat(server.get(chat(bob) + "/messages", alice).data().path("messages")).hasSize(1);
  }

  @Test
  void historyPagesBackwardsWithBeforeAndForwardsWithAfter() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    for (int i = 1; i <= 5; i++) {
      server.sendText(alice, bob, "m" + i);
    }

    Response latest = server.get(chat(alice) + "/messages?limit=2", bob);
    Response before = server.get(chat(alice) + "/messages?limit=2&before=4", bob);
    Response after = server.get(chat(alice) + "/messages?limit=10&after=3", bob);

    assertThat(seqs(latest)).containsExactly(4L, 5L);
    assertThat(latest.data().path("hasMore").asBoolean()).isTrue();
    assertThat(seqs(before)).containsExactly(2L, 3L);
    assertThat(before.data().path("hasMore").asBoolean()).isTrue();
    assertThat(seqs(after)).containsExactly(4L, 5L);
    assertThat(after.data().path("hasMore").asBoolean()).isFalse();
  }

  @Test
  void markAllSeenAndMarkOneSeenMoveTheReadMark() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    JsonNode first = server.sendText(alice, bob, "a");
    server.sendText(alice, bob, "b");

    Response one =
        server.post(chat(alice) + "/messages/" + first.path("_id").asText() + "/seen", bob, null);
    Response unreadAfterOne = server.get("/api/v1/chat", bob);
    Response all = server.post(chat(alice) + "/mark-all-seen", bob, null);

    assertThat(one.status()).isEqualTo(200);
    assertThat(one.data().path("seenUpTo").asLong()).isEqualTo(1);
    assertThat(unreadAfterOne.data().path("chats").get(0).path("unreadCount").asLong())
        .isEqualTo(1);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.data().path("seenUpTo").asLong()).isEqualTo(2);
    JsonNode mine = server.get(chat(bob) + "/messages", alice).data().path("messages");
    assertThat(mine.get(1).path("seen").asBoolean()).isTrue();
    long unreadAfterAll =
        server.get("/api/v1/chat", bob).data().path("chats").get(0).path("unreadCount").asLong();
    assertThat(unreadAfterAll).isZero();
  }

  @Test
  void clearHidesTheHistoryForMeOnly() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "a");
    server.sendText(bob, alice, "b");

    Response r = server.delete(chat(bob) + "/messages", alice);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.data().path("clearedUpTo").asLong()).isEqualTo(2);
    assertThat(server.get(chat(bob) + "/messages", alice).data().path("messages")).isEmpty();
    assertThat(server.get(chat(alice) + "/messages", bob).data().path("messages")).hasSize(2);
  }

  @Test
  void blockRefusesBothWaysAndStoresNothingUntilUnblocked() {
    User alice = server.user("Alice");
    User bob = server.user("Bob");
    server.sendText(alice, bob, "before the block");

    Response block = server.post("/api/v1/users/" + bob.id() + "/block", alice, null);
    Response byBlocker = server.post(chat(bob) + "/messages", alice, text("from alice"));
    Response byBlocked = server.post(chat(alice) + "/messages", bob, text("from bob"));
    Response blockedList = server.get("/api/v1/users/me/blocked", alice);
    Response bobsChats = server.get("/api/v1/chat", bob);
    Response unblock = server.delete("/api/v1/users/" + bob.id() + "/block", alice);

    assertThat(block.status()).isEqualTo(200);
    assertThat(byBlocker.status()).isEqualTo(403);
    assertThat(byBlocker.code()).isEqualTo("BLOCKED");
    assertThat(byBlocked.status()).isEqualTo(403);
    assertThat(byBlocked.code()).isEqualTo("BLOCKED");
    assertThat(blockedList.data().path("users").get(0).path("_id").asText()).isEqualTo(bob.id());
    assertThat(bobsChats.data().path("chats")).isEmpty();
    assertThat(unblock.status()).isEqualTo(200);
    assertThat(server.get(chat(alice) + "/messages", bob).data().path("messages")).hasSize(1);
  }

  @Test
  void chatListShowsEachChatWithItsLastMessageAndPagesWithACursor() {
    User me = server.user("Me");
    for (int i = 0; i < 3; i++) {
      server.sendText(server.user("Friend " + i), me, "hello " + i);
    }

    Response first = server.get("/api/v1/chat?limit=2", me);
    String cursor = first.data().path("nextCursor").asText();
    Response second = server.get("/api/v1/chat?limit=2&cursor=" + cursor, me);

    assertThat(first.data().path("chats")).hasSize(2);
    assertThat(first.data().path("chats").get(0).path("lastMessage").path("text").asText())
        .isEqualTo("hello 2");
    assertThat(first.data().path("chats").get(0).path("unreadCount").asLong()).isEqualTo(1);
    assertThat(second.data().path("chats")).hasSize(1);
    assertThat(second.data().path("chats").get(0).path("lastMessage").path("text").asText())
        .isEqualTo("hello 0");
    assertThat(second.data().path("nextCursor").isNull()).isTrue();
  }

  @Test
  void closedEmbeddedServerMakesSendsAndReadiness503() {
    EmbeddedMongo doomed = EmbeddedMongo.inMemory();
    MongoStore doomedStore = connect(doomed);
    try (TestServer down = new TestServer(storage(doomedStore))) {
      User alice = down.user("Alice");
      User bob = down.user("Bob");
      assertThat(down.get("/ready", null).status()).isEqualTo(200);
      doomed.close();

      Response send = down.post(chat(bob) + "/messages", alice, text("hi"));
      Response ready = down.get("/ready", null);

      assertThat(send.status()).isEqualTo(503);
      assertThat(send.code()).isEqualTo("UNAVAILABLE");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(down.get("/health", null).status()).isEqualTo(200);
    } finally {
      doomedStore.close();
    }
  }

  private static List<Long> seqs(Response r) {
    List<Long> out = new ArrayList<>();
    r.data().path("messages").forEach(m -> out.add(m.path("seq").asLong()));
    return out;
  }
}
