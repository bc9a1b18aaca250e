package io.chat.adapter.inmemory;

import io.chat.application.contract.UserDirectoryContract;
import io.chat.application.port.out.UserDirectory;

class InMemoryUserDirectoryTest extends UserDirectoryContract {
  @Override
  protected UserDirectory newDirectory() {
    return new InMemoryUserDirectory();
  }
}
