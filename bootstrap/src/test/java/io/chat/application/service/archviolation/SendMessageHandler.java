package io.chat.application.service.archviolation;

import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.SendMessageUseCase;
import io.chat.application.port.in.Sent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A use case implementation not named a service. */
public final class SendMessageHandler implements SendMessageUseCase {
  @Override
  public CompletionStage<Sent> send(SendMessage command) {
    return CompletableFuture.failedStage(new UnsupportedOperationException());
  }
}
