package io.chat.adapter.mongo;

import io.chat.application.contract.MessageRepositoryContract;
import io.chat.application.port.out.MessageRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link MessageRepository} contract on the embedded store (in memory), through the driver. */
class EmbeddedMongoMessageRepositoryTest extends MessageRepositoryContract {
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
  protected MessageRepository newRepository() {
    return stores.fresh().messages();
  }
}
