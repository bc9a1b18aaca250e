package io.chat.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Signs test tokens with secrets and generated keys. */
final class TokenFactory {
  static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

  private TokenFactory() {}

  static RSAKey rsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static ECKey ecKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims valid for ten minutes from now, for {@code sub}. */
  static JWTClaimsSet.Builder claims(String sub) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(sub)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)));
  }

  static String hs256(String secret, JWTClaimsSet claims) {
    return sign(
        new JWSHeader(JWSAlgorithm.HS256),
        claims,
        macSigner(secret.getBytes(StandardCharsets.UTF_8)));
  }

  static String hs256(JWTClaimsSet claims) {
    return hs256(SECRET, claims);
  }

  static String rs256(RSAKey key, JWTClaimsSet claims) {
    try {
      return sign(
          new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
          claims,
          new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String es256(ECKey key, JWTClaimsSet claims) {
    try {
      return sign(
          new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
          claims,
          new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HS256 token whose "secret" is the RSA public key: the classic algorithm confusion. */
  static String hs256WithPublicKeyAsSecret(RSAKey key, JWTClaimsSet claims) {
    byte[] secret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    return sign(
        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
        claims,
        macSigner(secret));
  }

  /** An unsecured token: header {"alg":"none"}, the claims, and an empty signature. */
  static String unsecured(JWTClaimsSet claims) {
    return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString()
        + "."
        + Base64URL.encode(claims.toString())
        + ".";
  }

  /** The token with its payload replaced, keeping the original signature. */
  static String withPayload(String token, UnaryOperator<String> payload) {
    String[] parts = token.split("\\.");
    String json = new Base64URL(parts[1]).decodeToString();
    return parts[0] + "." + Base64URL.encode(payload.apply(json)) + "." + parts[2];
  }

  static String jwks(JWK... keys) {
    StringBuilder out = new StringBuilder("{\"keys\":[");
    for (int i = 0; i < keys.length; i++) {
      out.append(i == 0 ? "" : ",").append(keys[i].toPublicJWK().toJSONString());
    }
    return out.append("]}").toString();
  }

  private static JWSSigner macSigner(byte[] secret) {
    try {
      return new MACSigner(secret);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
