package io.chat.adapter.http;

import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.mongo.MongoStore;

/** The search route again, on the Mongo adapter's word index over the embedded store. */
class MongoStoreSearchRoutesTest extends SearchRoutesTest {
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoStore store = MongoStoreHttpTest.connect(mongo);

  @Override
  TestServer newServer() {
    return new TestServer(MongoStoreHttpTest.storage(store));
  }

  @Override
  void closeStorage() {
    store.close();
    mongo.close();
  }
}
