package io.chat.adapter.mongo;

import io.chat.application.contract.MembershipRepositoryContract;
import io.chat.application.port.out.MembershipRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link MembershipRepository} contract on the embedded store (in memory), through the driver.
 */
class EmbeddedMongoMembershipRepositoryTest extends MembershipRepositoryContract {
  private static ContractStores stores;

  @BeforeAll
  static void start() {
    stores = ContractStores.embedded();
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
