package io.chat.adapter.mongo;

import io.chat.application.contract.UserDirectoryContract;
import io.chat.application.port.out.UserDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link UserDirectory} contract on the embedded store (in memory), through the driver. */
class EmbeddedMongoUserDirectoryTest extends UserDirectoryContract {
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
  protected UserDirectory newDirectory() {
    return stores.fresh().users();
  }
}
