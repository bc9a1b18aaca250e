package io.chat.adapter.http;

import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.mongo.MongoStore;
import io.chat.application.service.ChatSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The message lifecycle routes again, on the Mongo adapter over the embedded store: revisions,
 * reactions, pins, the changes feed and replies as the real store keeps them.
 */
class MongoStoreLifecycleRoutesTest extends MessageLifecycleRoutesTest {
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
