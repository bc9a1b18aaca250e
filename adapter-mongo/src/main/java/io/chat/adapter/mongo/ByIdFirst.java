package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.List;
import java.util.Optional;

/**
 * The embedded store's shortcut for a query that names one {@code _id} among other conditions (a
 * guarded update: {@code {_id, change: {$not: {$gte: n}}}}). mongo-java-server uses an index only
 * when the query's fields are exactly the index's, so such a query scanned the whole collection;
 * its collections here take the document of that {@code _id} from the primary index instead, and
 * match the whole query against it alone, which answers exactly what the scan did.
 */
final class ByIdFirst {
  private static final String ID = "_id";

  private ByIdFirst() {}

  /**
   * The positions of the documents whose {@code _id} the query names with a plain value, from the
   * primary index; empty when the query is not one of those (or is the plain {@code {_id}} lookup
   * the store already answers from its index).
   */
  static <P> Optional<Iterable<P>> positions(List<Index<P>> indexes, Document query) {
    if (query.size() < 2) {
      return Optional.empty();
    }
    Object id = query.get(ID);
    if (!(id instanceof String || id instanceof ObjectId)) {
      return Optional.empty();
    }
    Document byId = new Document(ID, id);
    for (Index<P> index : indexes) {
      if (index.canHandle(byId)) {
        return Optional.of(index.getPositions(byId));
      }
    }
    return Optional.empty();
  }
}
