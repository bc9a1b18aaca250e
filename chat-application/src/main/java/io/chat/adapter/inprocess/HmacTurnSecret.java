package io.chat.adapter.inprocess;

import io.chat.application.port.out.TurnSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TURN shared secret held in this process (read from configuration, never logged): signs
 * usernames with HMAC-SHA1, as coturn's {@code static-auth-secret} checks them.
 */
public final class HmacTurnSecret implements TurnSecret {
  private final byte[] secret;

  public HmacTurnSecret(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the TURN secret is empty");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CompletionStage<String> sign(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA1"));
      byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
      return CompletableFuture.completedFuture(Base64.getEncoder().encodeToString(digest));
    } catch (GeneralSecurityException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String toString() {
    return "HmacTurnSecret[hidden]";
  }
}
