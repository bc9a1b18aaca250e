package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Optional;

/**
 * The in-memory backend behind a {@link CommandGate}, whose collections answer a query by {@code
 * _id} and more from the primary index ({@link ByIdFirst}).
 */
final class GatedMemoryBackend extends MemoryBackend {
  private final CommandGate gate = CommandGate.inMemory();

  @Override
  public Document handleMessage(MongoMessage message) {
    return gate.pass(message, super::handleMessage);
  }

  @Override
  public MemoryDatabase openOrCreateDatabase(String name) {
    return new Database(name, getCursorRegistry());
  }

  private static final class Database extends MemoryDatabase {
    Database(String name, CursorRegistry cursors) {
      super(name, cursors);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(
        String collectionName, CollectionOptions options) {
      return new Collection(this, collectionName, options, cursorRegistry);
    }
  }

  private static final class Collection extends MemoryCollection {
    Collection(
        MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    @Override
    protected QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document projection) {
      Optional<Iterable<Integer>> byId = ByIdFirst.positions(getIndexes(), query);
      return byId.isPresent()
          ? matchDocuments(query, byId.get(), orderBy, numberToSkip, limit, batchSize, projection)
          : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, projection);
    }
  }
}
