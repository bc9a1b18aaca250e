package io.chat.adapter.inprocess;

import io.chat.application.contract.CallRegistryContract;
import io.chat.application.port.out.CallRegistry;
import java.time.Clock;
import java.time.Duration;

/** The {@link CallRegistry} contract on the single-process registry. */
class InProcessCallRegistryContractTest extends CallRegistryContract {
  @Override
  protected CallRegistry newRegistry(Clock clock) {
    return new InProcessCallRegistry(clock);
  }

  @Override
  protected Duration keepsEnded() {
    return InProcessCallRegistry.KEEP_ENDED;
  }
}
