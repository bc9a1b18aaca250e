package io.chat.adapter.inmemory;

import io.chat.application.contract.ChatRepositoryContract;
import io.chat.application.port.out.ChatRepository;

class InMemoryChatRepositoryTest extends ChatRepositoryContract {
  @Override
  protected ChatRepository newRepository() {
    return new InMemoryChatRepository();
  }
}
