package io.chat.adapter.http;

import static io.chat.adapter.http.TestServer.chat;
import static io.chat.adapter.http.TestServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.http.TestServer.Response;
import io.chat.adapter.http.TestServer.Storage;
import io.chat.adapter.http.TestServer.User;
import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.mongo.MongoStore;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole endpoint suite again, on the Mongo adapter over the embedded store instead of the
 * in-memory ports, plus what only a real store shows (blocks through its queries, an outage).
 */
class MongoStoreHttpTest extends ChatEndpointsTest {
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoStore store = connect(mongo);

  @Override
  TestServer newServer() {
    return new TestServer(storage(store));
  }

  @Override
  void closeStorage() {
    store.close();
    mongo.close();
  }

  /** A store on a database of its own, its indexes made, with short timeouts. */
  static MongoStore connect(EmbeddedMongo mongo) {
    MongoStore store =
        MongoStore.connect(
            mongo.connectionString(),
            "http" + UUID.randomUUID().toString().replace("-", ""),
            STORE_TIMEOUT);
    return store.createIndexes().toCompletableFuture().join();
  }

  static Storage storage(MongoStore store) {
    return new Storage(
        store.chats(),
        store.memberships(),
        store.messages(),
        store.reactions(),
        store.blocks(),
        store.mutes(),
        store.users(),
        store.pushTokens(),
        store.ids(),
        store.health());
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
}
