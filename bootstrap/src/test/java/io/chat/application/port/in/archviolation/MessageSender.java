package io.chat.application.port.in.archviolation;

import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.Sent;
import java.util.concurrent.CompletionStage;

/** An inbound port named neither a use case nor a query. */
public interface MessageSender {
  CompletionStage<Sent> send(SendMessage command);
}
