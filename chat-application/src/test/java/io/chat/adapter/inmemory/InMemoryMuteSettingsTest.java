package io.chat.adapter.inmemory;

import io.chat.application.contract.MuteSettingsContract;
import io.chat.application.port.out.MuteSettings;

class InMemoryMuteSettingsTest extends MuteSettingsContract {
  @Override
  protected MuteSettings newMuteSettings() {
    return new InMemoryMuteSettings();
  }
}
