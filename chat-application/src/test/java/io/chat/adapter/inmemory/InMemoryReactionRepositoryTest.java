package io.chat.adapter.inmemory;

import io.chat.application.contract.ReactionRepositoryContract;
import io.chat.application.port.out.ReactionRepository;

class InMemoryReactionRepositoryTest extends ReactionRepositoryContract {
  @Override
  protected ReactionRepository newRepository() {
    return new InMemoryReactionRepository();
  }
}
