package io.chat.adapter.mongo;

import io.chat.application.contract.UserDirectoryContract;
import io.chat.application.port.out.UserDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link UserDirectory} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped when
 * unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoUserDirectoryTest extends UserDirectoryContract {
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
  protected UserDirectory newDirectory() {
    return stores.fresh().users();
  }
}
