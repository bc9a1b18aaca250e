package io.chat.application.port.in.archviolation;

import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;

/** An inbound port that answers directly instead of with a stage. */
public interface BlockingSendUseCase {
  Sent send(SendMessage command);
}
