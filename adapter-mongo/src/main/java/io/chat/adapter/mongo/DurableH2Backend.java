package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;

/**
 * The H2 file backend behind a {@link CommandGate}, made durable per write: every write commits the
 * store before its answer goes back, so that nothing acknowledged is lost when the process is
 * killed (the stock backend commits about once a second). The commit writes to the file without
 * forcing it to the disk: it survives the process dying, not the machine losing power.
 */
final class DurableH2Backend extends H2Backend {
  private final CommandGate gate = CommandGate.committing(this::commit);

  DurableH2Backend(MVStore store) {
    super(store);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    return new BsonH2Database(name, getMvStore(), getCursorRegistry());
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    return gate.pass(message, super::handleMessage);
  }
}
