package io.chat.adapter.mongo;

import io.chat.application.contract.MessageRepositoryContract;
import io.chat.application.port.out.MessageRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link MessageRepository} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped when
 * unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoMessageRepositoryTest extends MessageRepositoryContract {
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
  protected MessageRepository newRepository() {
    return stores.fresh().messages();
  }
}
