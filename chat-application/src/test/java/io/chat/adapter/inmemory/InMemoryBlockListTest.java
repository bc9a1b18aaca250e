package io.chat.adapter.inmemory;

import io.chat.application.contract.BlockListContract;
import io.chat.application.port.out.BlockList;

class InMemoryBlockListTest extends BlockListContract {
  @Override
  protected BlockList newBlockList() {
    return new InMemoryBlockList();
  }
}
