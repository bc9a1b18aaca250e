package io.chat.adapter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.bson.BsonDocument;

/**
 * An embedded store and a driver client that records the data commands it sends (each as its name
 * and collection, and every update command whole): what the tests of the cost model count.
 */
final class CommandLog implements AutoCloseable {
  private static final List<String> DATA_COMMANDS =
      List.of("find", "findAndModify", "update", "insert", "delete", "aggregate");

  final List<String> commands = Collections.synchronizedList(new ArrayList<>());
  final List<BsonDocument> updates = Collections.synchronizedList(new ArrayList<>());
  private final EmbeddedMongo server = EmbeddedMongo.inMemory();
  private final MongoClient client;

  CommandLog() {
    CommandListener listener =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            String name = event.getCommandName();
            if (DATA_COMMANDS.contains(name)) {
              commands.add(name + " " + event.getCommand().getString(name).getValue());
            }
            if (name.equals("update")) {
              updates.add(event.getCommand().clone());
            }
          }
        };
    client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .addCommandListener(listener)
                .build());
  }

  /** A database of its own for one test, named from {@code prefix}. */
  MongoDatabase freshDatabase(String prefix) {
    return client.getDatabase(prefix + UUID.randomUUID().toString().replace("-", ""));
  }

  /** Forgets what was recorded so far. */
  void clear() {
    commands.clear();
    updates.clear();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
