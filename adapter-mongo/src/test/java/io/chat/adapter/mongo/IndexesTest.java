package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;
import static io.chat.adapter.mongo.Stores.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The indexes are created at every start without harm, and enforce what the ports rely on. */
class IndexesTest {
  private static EmbeddedMongo server;
  private static MongoClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedMongo.inMemory();
    client = MongoClients.create(server.connectionString());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static Map<String, Document> indexes(MongoDatabase database, String collection) {
    List<Document> all = done(Stages.list(database.getCollection(collection).listIndexes()));
    return all.stream().collect(Collectors.toMap(d -> d.getString("name"), d -> d));
  }

  @Test
  void creatingTheIndexesAgainChangesNothing() {
    MongoDatabase database = client.getDatabase("indexes_twice");
    MongoStore store = MongoStore.of(database);

    done(store.createIndexes());
    Map<String, Document> first = indexes(database, MongoStore.MESSAGES);
    done(store.createIndexes());

    assertThat(indexes(database, MongoStore.MESSAGES)).isEqualTo(first);
    assertThat(first.get("chatId_seq").get("key", Document.class))
        .isEqualTo(new Document("chatId", 1).append("seq", 1));
    assertThat(first.get("chatId_seq").getBoolean("unique")).isTrue();
    assertThat(first.get("idempotency").getBoolean("unique")).isTrue();
    assertThat(first.get("idempotency").getBoolean("sparse")).isTrue();
    assertThat(first.get("mid").getBoolean("unique")).isTrue();
    assertThat(first.get("chatId_change").get("key", Document.class))
        .isEqualTo(new Document("chatId", 1).append("change", 1));
    assertThat(first.get("chatId_change").get("partialFilterExpression", Document.class))
        .isEqualTo(new Document("change", new Document("$gt", 0L)));
    assertThat(first.get("chatId_pinAt_seq").get("key", Document.class))
        .isEqualTo(new Document("chatId", 1).append("pin.at", -1).append("seq", -1));
    assertThat(first.get("chatId_pinAt_seq").get("partialFilterExpression", Document.class))
        .isEqualTo(new Document("pin", new Document("$exists", true)));
    assertThat(indexes(database, MongoStore.REACTIONS).get("m_e").get("key", Document.class))
        .isEqualTo(new Document("m", 1).append("e", 1));
    Map<String, Document> chats = indexes(database, MongoStore.CHATS);
    assertThat(chats.get("type_pairKey").getBoolean("unique")).isTrue();
    assertThat(chats).containsKeys("participants_updatedAt", "type_status_updatedAt");
    Map<String, Document> memberships = indexes(database, MongoStore.MEMBERSHIPS);
    assertThat(memberships.get("chatId_leftSeq_userId").get("key", Document.class))
        .isEqualTo(new Document("chatId", 1).append("leftSeq", 1).append("userId", 1));
    assertThat(memberships.get("userId_hidden_chatId").get("key", Document.class))
        .isEqualTo(new Document("userId", 1).append("hidden", 1).append("chatId", 1));
    assertThat(memberships.get("chatId_readSeq").get("key", Document.class))
        .isEqualTo(new Document("chatId", 1).append("readSeq", 1));
    assertThat(memberships.get("chatId_deliveredSeq").get("key", Document.class))
        .isEqualTo(new Document("chatId", 1).append("deliveredSeq", 1));
  }

  @Test
  void theUniqueIndexesRefuseASecondChatOfAPairAndASecondMessageAtASeq() {
    MongoDatabase database = client.getDatabase("indexes_unique");
    done(MongoStore.of(database).createIndexes());
    var chats = database.getCollection(MongoStore.CHATS);
    var messages = database.getCollection(MongoStore.MESSAGES);

    done(Stages.done(chats.insertOne(new Document("type", "user_chat").append("pairKey", "a:b"))));
    Throwable secondChat =
        failure(
            Stages.done(
                chats.insertOne(new Document("type", "user_chat").append("pairKey", "a:b"))));
    done(
        Stages.done(
            chats.insertOne(new Document("type", "admin_support").append("pairKey", "a:b"))));

    done(Stages.done(messages.insertOne(message("m1", 1, null))));
    Throwable sameSeq = failure(Stages.done(messages.insertOne(message("m2", 1, null))));
    done(Stages.done(messages.insertOne(message("m3", 2, null))));
    done(Stages.done(messages.insertOne(message("m4", 3, "k"))));
    Throwable sameKey = failure(Stages.done(messages.insertOne(message("m5", 4, "k"))));

    assertThat(StoreErrors.isDuplicateKey(secondChat)).isTrue();
    assertThat(StoreErrors.isDuplicateKey(sameSeq)).isTrue();
    assertThat(StoreErrors.isDuplicateKey(sameKey)).isTrue();
  }

  /** A raw message document, keyed only by what the unique indexes look at. */
  private static Document message(String id, long seq, String idempotencyKey) {
    Document document =
        new Document("_id", id).append("mid", id).append("chatId", "c").append("seq", seq);
    if (idempotencyKey != null) {
      document.append("ik", idempotencyKey);
    }
    return document;
  }
}
