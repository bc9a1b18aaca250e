package io.chat.application.port.in;

import java.util.concurrent.CompletionStage;

/** Inbound port: whether the service can serve (its store answers). */
public interface ReadinessQuery {

  CompletionStage<Void> ready();
}
