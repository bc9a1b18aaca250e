package io.chat.adapter.mongo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stores the contract suites run on: the embedded store (in memory, through the driver over a
 * loopback socket) in every build, and a real MongoDB when {@code CHAT_MONGO_URI} is set. Each
 * repository a suite asks for lives in a database of its own, so it starts empty.
 */
final class ContractStores implements AutoCloseable {
  static final String URI_VARIABLE = "CHAT_MONGO_URI";

  private final Optional<EmbeddedMongo> server;
  private final MongoClient client;
  private final boolean dropDatabases;
  private final List<String> databases = new ArrayList<>();

  private ContractStores(Optional<EmbeddedMongo> server, String uri, boolean dropDatabases) {
    this.server = server;
    this.client = MongoClients.create(MongoStore.clientSettings(uri, Duration.ofSeconds(10)));
    this.dropDatabases = dropDatabases;
  }

  static ContractStores embedded() {
    EmbeddedMongo server = EmbeddedMongo.inMemory();
    return new ContractStores(Optional.of(server), server.connectionString(), false);
  }

  /** The embedded store on an H2 file under {@code directory}, as the standalone server has it. */
  static ContractStores file(Path directory) {
    EmbeddedMongo server = EmbeddedMongo.persistent(directory, 16);
    return new ContractStores(Optional.of(server), server.connectionString(), false);
  }

  /**
   * A real MongoDB when {@code CHAT_MONGO_URI} is set, else null: the suite then carries {@link
   * RealMongoOnly}, which skips each of its tests (counted as skipped in the build's output).
   */
  static ContractStores real() {
    String uri = System.getenv(URI_VARIABLE);
    return uri == null || uri.isBlank() ? null : new ContractStores(Optional.empty(), uri, true);
  }

  /** Skips every test of a suite on a real MongoDB, one by one, while none is configured. */
  static final class RealMongoOnly implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
      String uri = System.getenv(URI_VARIABLE);
      assumeTrue(
          uri != null && !uri.isBlank(),
          URI_VARIABLE + " is not set: the contracts on a real MongoDB are skipped");
    }
  }

  /** A store on a new, empty database, with its indexes. */
  synchronized MongoStore fresh() {
    String name = "contract_" + UUID.randomUUID().toString().replace("-", "");
    databases.add(name);
    return Stores.done(MongoStore.of(client.getDatabase(name)).createIndexes());
  }

  @Override
  public synchronized void close() {
    try {
      if (dropDatabases) {
        for (String name : databases) {
          Stores.done(Stages.done(client.getDatabase(name).drop()));
        }
      }
    } finally {
      client.close();
      server.ifPresent(EmbeddedMongo::close);
    }
  }
}
