package io.chat.adapter.mongo;

import io.chat.application.port.out.IdGenerator;
import io.chat.domain.chat.ChatId;
import io.chat.domain.message.MessageId;
import org.bson.types.ObjectId;

/** Ids from the driver's {@link ObjectId}: 24 hex digits, time-ordered, unique across processes. */
final class MongoIds implements IdGenerator {
  @Override
  public ChatId newChatId() {
    return ChatId.of(new ObjectId().toHexString());
  }

  @Override
  public MessageId newMessageId() {
    return MessageId.of(new ObjectId().toHexString());
  }
}
