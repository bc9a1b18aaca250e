package io.chat.adapter.mongo;

import io.chat.application.contract.MembershipRepositoryContract;
import io.chat.application.port.out.MembershipRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link MembershipRepository} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped
 * when unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoMembershipRepositoryTest extends MembershipRepositoryContract {
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
  protected MembershipRepository newRepository() {
    return stores.fresh().memberships();
  }
}
