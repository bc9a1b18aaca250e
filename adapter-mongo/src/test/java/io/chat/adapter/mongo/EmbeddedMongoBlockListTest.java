package io.chat.adapter.mongo;

import io.chat.application.contract.BlockListContract;
import io.chat.application.port.out.BlockList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link BlockList} contract on the embedded store (in memory), through the driver. */
class EmbeddedMongoBlockListTest extends BlockListContract {
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
  protected BlockList newBlockList() {
    return stores.fresh().blocks();
  }
}
