package io.chat.application.port.in;

import java.util.concurrent.CompletionStage;

/** Inbound port: send a text message; idempotent by client message id. */
public interface SendMessageUseCase {

  CompletionStage<Sent> send(SendMessage command);
}
