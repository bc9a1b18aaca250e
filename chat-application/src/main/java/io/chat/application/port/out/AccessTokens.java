package io.chat.application.port.out;

import java.util.concurrent.CompletionStage;

/** Outbound port: verification of bearer tokens. */
public interface AccessTokens {

  /** The token's verified claims; fails with {@link InvalidTokenException} for any bad token. */
  CompletionStage<AccessToken> verify(String token);
}
