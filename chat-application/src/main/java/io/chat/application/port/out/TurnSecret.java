package io.chat.application.port.out;

import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the secret shared with the TURN server, which signs time-limited usernames (the
 * "TURN REST API" scheme: the password is base64 of HMAC-SHA1 of the username) without ever leaving
 * its holder.
 */
public interface TurnSecret {

  /** The password of {@code username}: base64(HMAC-SHA1(secret, username)). */
  CompletionStage<String> sign(String username);
}
