package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Makes the embedded server's answers consistent. mongo-java-server (1.47.0) answers with the very
 * documents it stores and encodes them after it has released the collection: a {@code
 * findAndModify} racing another one on the same chat could answer the other's {@code lastSeq} (we
 * saw two sends get one seq), and a read could see a document half updated. So every command runs
 * under this gate (writes one at a time, reads together but never during a write) and its answer is
 * copied before the gate opens. A write may also finish with a hook inside the gate (the durable
 * backend commits there, so that a commit never captures half of a write).
 */
final class CommandGate {
  private static final Set<String> WRITES =
      Set.of(
          "insert",
          "update",
          "delete",
          "findandmodify",
          "createindexes",
          "dropindexes",
          "drop",
          "dropdatabase",
          "create",
          "renamecollection");

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Runnable afterWrite;

  CommandGate(Runnable afterWrite) {
    this.afterWrite = afterWrite;
  }

  Document pass(MongoMessage message, Function<MongoMessage, Document> handler) {
    String command = message.getDocument().keySet().iterator().next();
    boolean write = WRITES.contains(command.toLowerCase(Locale.ROOT));
    Lock held = write ? lock.writeLock() : lock.readLock();
    held.lock();
    try {
      try {
        return handler.apply(message).cloneDeeply();
      } finally {
        // A failed write may still have changed something (one of several documents): it is
        // made durable before the answer goes back either way.
        if (write) {
          afterWrite.run();
        }
      }
    } finally {
      held.unlock();
    }
  }
}
