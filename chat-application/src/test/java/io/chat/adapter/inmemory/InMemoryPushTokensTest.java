package io.chat.adapter.inmemory;

import io.chat.application.contract.PushTokensContract;
import io.chat.application.port.out.PushTokens;

class InMemoryPushTokensTest extends PushTokensContract {
  @Override
  protected PushTokens newPushTokens() {
    return new InMemoryPushTokens();
  }
}
