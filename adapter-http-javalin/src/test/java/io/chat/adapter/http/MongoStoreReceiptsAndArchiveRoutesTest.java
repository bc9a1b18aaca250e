package io.chat.adapter.http;

import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.mongo.MongoStore;
import io.chat.application.service.ChatSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Delivery receipts and archiving again, on the Mongo adapter over the embedded store: the marks
 * and archive flags as the real store keeps them.
 */
class MongoStoreReceiptsAndArchiveRoutesTest extends ReceiptsAndArchiveRoutesTest {
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final List<MongoStore> stores = new CopyOnWriteArrayList<>();

  @Override
  TestServer newServer(ChatSettings settings) {
    MongoStore store = MongoStoreHttpTest.connect(mongo);
    stores.add(store);
    return new TestServer(
        MongoStoreHttpTest.storage(store), u -> u, 1000, config -> config, settings);
  }

  @Override
  void closeStorage() {
    stores.forEach(MongoStore::close);
    mongo.close();
  }
}
