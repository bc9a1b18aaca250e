package io.chat.application.port.in;

import java.util.concurrent.CompletionStage;

/**
 * Inbound port: the message and group limits this server enforces, so that a client offers only
 * what it would accept. They are the server's, the same for every caller.
 */
public interface ClientRulesQuery {

  CompletionStage<ClientRules> rules();
}
