package io.chat.adapter.mongo;

import io.chat.application.contract.BlockListContract;
import io.chat.application.port.out.BlockList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link BlockList} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped when unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoBlockListTest extends BlockListContract {
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
  protected BlockList newBlockList() {
    return stores.fresh().blocks();
  }
}
