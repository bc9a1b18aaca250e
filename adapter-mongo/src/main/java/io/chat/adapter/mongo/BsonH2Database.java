package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * One database of the H2 file, laid out as mongo-java-server's {@code H2Database} lays it out (a
 * data map, a meta map and a map per unique index, under the same names), but with documents and
 * index keys kept as BSON ({@link H2Types}); a query by {@code _id} and more is answered from the
 * primary index ({@link ByIdFirst}).
 */
final class BsonH2Database extends AbstractSynchronizedMongoDatabase<Object> {
  static final String DATA_PREFIX = "databases.";
  static final String META_PREFIX = "meta.";
  static final String INDEX_INFIX = "._index_";

  private final MVStore store;

  BsonH2Database(String name, MVStore store, CursorRegistry cursors) {
    super(name, cursors);
    this.store = store;
    initializeNamespacesAndIndexes();
  }

  /** A collection's documents by {@code _id}. */
  static MVMap<Object, Document> dataMap(MVStore store, String mapName) {
    return store.openMap(
        mapName, new MVMap.Builder<Object, Document>().valueType(H2Types.Documents.INSTANCE));
  }

  /** A unique index: key to the document's {@code _id}. */
  static MVMap<KeyValue, Object> indexMap(MVStore store, String mapName) {
    return store.openMap(
        mapName, new MVMap.Builder<KeyValue, Object>().keyType(H2Types.IndexKeys.INSTANCE));
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    return new UniqueIndex(
        indexMap(store, indexMapName(collectionName, indexName)), indexName, keys, sparse);
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collectionName, CollectionOptions options) {
    String fullName = getFullCollectionNamespace(collectionName);
    MVMap<String, Object> meta = store.openMap(META_PREFIX + fullName);
    return new Collection(
        this,
        collectionName,
        options,
        dataMap(store, DATA_PREFIX + fullName),
        meta,
        cursorRegistry);
  }

  private static final class Collection extends H2Collection {
    Collection(
        MongoDatabase database,
        String name,
        CollectionOptions options,
        MVMap<Object, Document> data,
        MVMap<String, Object> meta,
        CursorRegistry cursors) {
      super(database, name, options, data, meta, cursors);
    }

    @Override
    protected QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int numberToSkip,
        int limit,
        int batchSize,
        Document projection) {
      Optional<Iterable<Object>> byId = ByIdFirst.positions(getIndexes(), query);
      return byId.isPresent()
          ? matchDocuments(query, byId.get(), orderBy, numberToSkip, limit, batchSize, projection)
          : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, projection);
    }
  }

  @Override
  protected void dropIndex(MongoCollection<Object> collection, String indexName) {
    super.dropIndex(collection, indexName);
    store.removeMap(indexMapName(collection.getCollectionName(), indexName));
  }

  @Override
  public void drop(Oplog oplog) {
    super.drop(oplog);
    for (String map : List.copyOf(store.getMapNames())) {
      if (map.startsWith(databaseName + ".")
          || map.startsWith(DATA_PREFIX + databaseName + ".")
          || map.startsWith(META_PREFIX + databaseName + ".")) {
        store.removeMap(map);
      }
    }
  }

  @Override
  public void dropCollection(String collectionName, Oplog oplog) {
    super.dropCollection(collectionName, oplog);
    String fullName = getFullCollectionNamespace(collectionName);
    store.removeMap(DATA_PREFIX + fullName);
    store.removeMap(META_PREFIX + fullName);
  }

  @Override
  public void moveCollection(
      MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
    super.moveCollection(oldDatabase, collection, newCollectionName);
    String newFullName = getFullCollectionNamespace(newCollectionName);
    store.renameMap(
        dataMap(store, DATA_PREFIX + collection.getFullName()), DATA_PREFIX + newFullName);
    store.renameMap(
        store.openMap(META_PREFIX + collection.getFullName()), META_PREFIX + newFullName);
  }

  @Override
  protected long getStorageSize() {
    FileStore<?> file = store.getFileStore();
    return file == null ? 0 : file.size();
  }

  @Override
  protected long getFileSize() {
    return getStorageSize();
  }

  private String indexMapName(String collectionName, String indexName) {
    return getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName;
  }

  /** A unique index as one sorted map from key to the document's position. */
  private static final class UniqueIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<KeyValue, Object> map;

    UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
      super(name, keys, sparse);
      this.map = map;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
      return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
      return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
      return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
      return map.get(key);
    }

    @Override
    public long getCount() {
      return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public long getDataSize() {
      return getCount();
    }
  }
}
