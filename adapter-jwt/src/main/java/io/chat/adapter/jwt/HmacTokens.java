package io.chat.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * Mints HS256 tokens with a shared secret: for development mode (the server's own secret) and for
 * load generators and tests. Production tokens come from the platform's identity service.
 */
public final class HmacTokens {
  private final byte[] secret;

  public HmacTokens(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    if (this.secret.length < JwtConfig.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "an HS256 secret has at least " + JwtConfig.MIN_SECRET_BYTES + " bytes");
    }
  }

  /** A new random secret of 48 bytes, base64url: strong enough for HS256. */
  public static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A token for {@code user}, staff when {@code admin}, valid from {@code now} for {@code ttl}. */
  public String mint(UserId user, boolean admin, Optional<String> name, Instant now, Duration ttl) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(user.value())
            .claim("userId", user.value())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)));
    if (admin) {
      claims.claim("role", "admin");
    }
    name.ifPresent(n -> claims.claim("name", n));
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException("HS256 signing failed", e);
    }
    return jwt.serialize();
  }

  /**
   * Whether {@code token} is a well-formed HS256 token whose signature this secret does not verify:
   * the usual mistake of a token minted for another server's development secret.
   */
  public boolean signedWithAnotherSecret(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token == null ? "" : token.strip());
      return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
          && !jwt.verify(new MACVerifier(secret));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return false;
    }
  }
}
