package io.chat.adapter.inmemory;

import io.chat.application.contract.MessageRepositoryContract;
import io.chat.application.port.out.MessageRepository;

class InMemoryMessageRepositoryTest extends MessageRepositoryContract {
  @Override
  protected MessageRepository newRepository() {
    return new InMemoryMessageRepository();
  }
}
