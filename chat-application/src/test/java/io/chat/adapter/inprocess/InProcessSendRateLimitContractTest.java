package io.chat.adapter.inprocess;

import io.chat.application.contract.SendRateLimitContract;
import io.chat.application.port.out.SendRateLimit;
import java.time.Clock;

/** The {@link SendRateLimit} contract on the single-process limit (one node, one view). */
class InProcessSendRateLimitContractTest extends SendRateLimitContract {
  @Override
  protected SendRateLimit newRateLimit(int burst, double perSecond, Clock clock) {
    return new InProcessSendRateLimit(burst, perSecond, clock);
  }
}
