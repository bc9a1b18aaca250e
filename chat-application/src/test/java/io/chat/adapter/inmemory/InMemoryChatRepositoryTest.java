package io.chat.adapter.inmemory;

import io.chat.application.contract.ChatRepositoryContract;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;

class InMemoryChatRepositoryTest extends ChatRepositoryContract {
  @Override
  protected ChatRepository newRepository() {
    return new InMemoryChatRepository();
  }

  @Override
  protected MembershipRepository membershipsOf(ChatRepository repository) {
    return ((InMemoryChatRepository) repository).memberships();
  }
}
