package io.chat.adapter.mongo;

import io.chat.application.contract.ReactionRepositoryContract;
import io.chat.application.port.out.ReactionRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link ReactionRepository} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped when
 * unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoReactionRepositoryTest extends ReactionRepositoryContract {
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
  protected ReactionRepository newRepository() {
    return stores.fresh().reactions();
  }
}
