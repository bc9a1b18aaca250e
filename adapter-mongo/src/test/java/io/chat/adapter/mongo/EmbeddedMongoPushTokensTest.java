package io.chat.adapter.mongo;

import io.chat.application.contract.PushTokensContract;
import io.chat.application.port.out.PushTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link PushTokens} contract on the embedded store (in memory), through the driver. */
class EmbeddedMongoPushTokensTest extends PushTokensContract {
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
  protected PushTokens newPushTokens() {
    return stores.fresh().pushTokens();
  }
}
