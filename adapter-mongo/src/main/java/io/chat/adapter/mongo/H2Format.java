package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Which layout an H2 file has, and the one-time move to the BSON layout ({@link H2Types}). A file
 * written by an earlier version (documents and index keys in Java serialization) is rewritten in
 * place at start-up, in one commit: a crash during the move leaves the file as it was.
 */
final class H2Format {
  private static final String FORMAT_MAP = "chat.format";
  private static final String LAYOUT = "layout";
  private static final String BSON = "bson-1";
  private static final String MOVING = "moving.";

  private H2Format() {}

  /** Makes {@code store} a BSON-layout file, moving an earlier file's maps; answers how many. */
  static int prepare(MVStore store) {
    MVMap<String, String> format = store.openMap(FORMAT_MAP);
    if (BSON.equals(format.get(LAYOUT))) {
      return 0;
    }
    int moved = 0;
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.startsWith(BsonH2Database.DATA_PREFIX)) {
        MVMap<Object, Document> old = store.openMap(name);
        MVMap<Object, Document> next = BsonH2Database.dataMap(store, MOVING + name);
        copy(old, next);
        replace(store, old, next, name);
        moved++;
      } else if (name.contains(BsonH2Database.INDEX_INFIX)) {
        MVMap<KeyValue, Object> old = store.openMap(name);
        MVMap<KeyValue, Object> next = BsonH2Database.indexMap(store, MOVING + name);
        copy(old, next);
        replace(store, old, next, name);
        moved++;
      }
    }
    format.put(LAYOUT, BSON);
    store.commit();
    return moved;
  }

  private static <K, V> void copy(MVMap<K, V> from, MVMap<K, V> to) {
    for (Map.Entry<K, V> entry : from.entrySet()) {
      to.put(entry.getKey(), entry.getValue());
    }
  }

  private static void replace(MVStore store, MVMap<?, ?> old, MVMap<?, ?> next, String name) {
    store.removeMap(old);
    store.renameMap(next, name);
  }
}
