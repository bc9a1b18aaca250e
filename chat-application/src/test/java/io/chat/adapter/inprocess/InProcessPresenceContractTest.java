package io.chat.adapter.inprocess;

import io.chat.application.contract.PresenceContract;
import io.chat.application.port.out.Presence;

/** The {@link Presence} contract on the single-process presence (one node, one view). */
class InProcessPresenceContractTest extends PresenceContract {
  @Override
  protected Presence newPresence() {
    return new InProcessPresence();
  }
}
