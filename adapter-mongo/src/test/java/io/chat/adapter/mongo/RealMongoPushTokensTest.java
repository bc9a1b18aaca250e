package io.chat.adapter.mongo;

import io.chat.application.contract.PushTokensContract;
import io.chat.application.port.out.PushTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link PushTokens} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped when unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoPushTokensTest extends PushTokensContract {
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
  protected PushTokens newPushTokens() {
    return stores.fresh().pushTokens();
  }
}
