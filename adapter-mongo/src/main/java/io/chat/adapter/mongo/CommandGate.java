package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes the embedded server's answers consistent and, on a file backend, durable. mongo-java-server
 * (1.47.0) answers with the very documents it stores and encodes them after it has released the
 * collection: a {@code findAndModify} racing another one on the same chat could answer the other's
 * {@code lastSeq} (we saw two sends get one seq), and a read could see a document half updated. So
 * every command runs under this gate (writes one at a time, reads together but never during a
 * write) and its answer is copied before the gate opens.
 *
 * <p>With a commit (the H2 backend), a write is answered only once a commit that covers it is done.
 * Commits run with the writes shut out, so that one never captures half of a write (a document
 * without its index entries); each covers every write applied before it, so concurrent writers
 * share commits instead of queueing one commit each.
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
  private final Optional<Runnable> commit;
  private final Object committing = new Object();
  private long applied; // writes applied so far; guarded by the write lock
  private long committed; // writes covered by a commit; guarded by committing

  private CommandGate(Optional<Runnable> commit) {
    this.commit = commit;
  }

  /** A gate for a store that keeps nothing. */
  static CommandGate inMemory() {
    return new CommandGate(Optional.empty());
  }

  /** A gate that answers a write only after {@code commit} made it durable. */
  static CommandGate committing(Runnable commit) {
    return new CommandGate(Optional.of(commit));
  }

  Document pass(MongoMessage message, Function<MongoMessage, Document> handler) {
    String command = message.getDocument().keySet().iterator().next();
    if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
      return underLock(lock.readLock(), () -> handler.apply(message).cloneDeeply());
    }
    long[] position = new long[1];
    try {
      return underLock(
          lock.writeLock(),
          () -> {
            // A failed write may still have changed something (one of several documents): it is
            // committed before the answer goes back either way.
            position[0] = ++applied;
            return handler.apply(message).cloneDeeply();
          });
    } finally {
      commit.ifPresent(c -> commitUpTo(position[0], c));
    }
  }

  private void commitUpTo(long position, Runnable commit) {
    synchronized (committing) {
      if (committed >= position) {
        return; // another writer's commit covered this write
      }
      long covered =
          underLock(
              lock.writeLock(),
              () -> {
                commit.run();
                return applied;
              });
      committed = covered;
    }
  }

  private static <T> T underLock(Lock held, Supplier<T> action) {
    held.lock();
    try {
      return action.get();
    } finally {
      held.unlock();
    }
  }
}
