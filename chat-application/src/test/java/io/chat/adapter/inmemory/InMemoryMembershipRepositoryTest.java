package io.chat.adapter.inmemory;

import io.chat.application.contract.MembershipRepositoryContract;
import io.chat.application.port.out.MembershipRepository;

class InMemoryMembershipRepositoryTest extends MembershipRepositoryContract {
  @Override
  protected MembershipRepository newRepository() {
    return new InMemoryMembershipRepository(new InMemoryStoreHealth());
  }
}
