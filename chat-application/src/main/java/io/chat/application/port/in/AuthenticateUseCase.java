package io.chat.application.port.in;

import java.util.concurrent.CompletionStage;

/**
 * Inbound port: who a bearer token speaks for; the user becomes known to the directory on first
 * sight.
 */
public interface AuthenticateUseCase {

  CompletionStage<Actor> authenticate(String bearerToken);
}
