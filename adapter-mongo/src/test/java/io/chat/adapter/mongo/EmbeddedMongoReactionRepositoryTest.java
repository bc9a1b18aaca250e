package io.chat.adapter.mongo;

import io.chat.application.contract.ReactionRepositoryContract;
import io.chat.application.port.out.ReactionRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link ReactionRepository} contract on the embedded store (in memory), through the driver.
 */
class EmbeddedMongoReactionRepositoryTest extends ReactionRepositoryContract {
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
  protected ReactionRepository newRepository() {
    return stores.fresh().reactions();
  }
}
