package io.chat.adapter.mongo;

import io.chat.application.contract.ChatRepositoryContract;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link ChatRepository} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped when
 * unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoChatRepositoryTest extends ChatRepositoryContract {
  private static ContractStores stores;

  @BeforeAll
  static void start() {
    stores = ContractStores.real();
  }

  @AfterAll
  static void stop() {
    if (stores != null) {
      stores.close();
    }
  }

  @Override
  protected ChatRepository newRepository() {
    return stores.fresh().chats();
  }

  @Override
  protected MembershipRepository membershipsOf(ChatRepository repository) {
    return ((MongoChatRepository) repository).memberships();
  }
}
