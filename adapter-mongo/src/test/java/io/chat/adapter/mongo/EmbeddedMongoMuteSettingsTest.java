package io.chat.adapter.mongo;

import io.chat.application.contract.MuteSettingsContract;
import io.chat.application.port.out.MuteSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link MuteSettings} contract on the embedded store (in memory), through the driver. */
class EmbeddedMongoMuteSettingsTest extends MuteSettingsContract {
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
  protected MuteSettings newMuteSettings() {
    return stores.fresh().mutes();
  }
}
