package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/** The in-memory backend behind a {@link CommandGate}. */
final class GatedMemoryBackend extends MemoryBackend {
  private final CommandGate gate = CommandGate.inMemory();

  @Override
  public Document handleMessage(MongoMessage message) {
    return gate.pass(message, super::handleMessage);
  }
}
