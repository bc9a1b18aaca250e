package io.chat.adapter.mongo;

import io.chat.application.contract.MuteSettingsContract;
import io.chat.application.port.out.MuteSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link MuteSettings} contract on a real MongoDB ({@code CHAT_MONGO_URI}), skipped when unset.
 */
@ExtendWith(ContractStores.RealMongoOnly.class)
class RealMongoMuteSettingsTest extends MuteSettingsContract {
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
  protected MuteSettings newMuteSettings() {
    return stores.fresh().mutes();
  }
}
