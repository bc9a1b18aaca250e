package io.chat.adapter.mongo;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.application.port.out.StoreHealth;
import java.util.concurrent.CompletionStage;
import org.bson.Document;

/** Readiness: the store answers a {@code ping}. */
final class MongoStoreHealth implements StoreHealth {
  private final MongoDatabase database;

  MongoStoreHealth(MongoDatabase database) {
    this.database = database;
  }

  @Override
  public CompletionStage<Void> ping() {
    return Stages.done(database.runCommand(new Document("ping", 1)));
  }
}
