package io.chat.adapter.jwt;

import static io.chat.adapter.jwt.TokenFactory.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.domain.user.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksFileVerificationTest {
  private static final String USER = "user_1";
  private static final RSAKey RSA = TokenFactory.rsaKey("rsa-1");
  private static final ECKey EC = TokenFactory.ecKey("ec-1");

  @TempDir Path dir;

  private Path jwksFile(String json) throws IOException {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, json);
    return file;
  }

  private NimbusAccessTokens verifier(Path file, Set<String> algorithms) {
    return NimbusAccessTokens.create(
        JwtConfig.jwksFile(file, algorithms).withRefreshMinInterval(Duration.ZERO));
  }

  @Test
  void rs256TokenSignedWithAKeyOfTheFileIsAccepted() throws IOException {
    NimbusAccessTokens tokens = verifier(jwksFile(TokenFactory.jwks(RSA)), Set.of("RS256"));

    assertThat(Await.result(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build()))).userId())
        .isEqualTo(UserId.of(USER));
  }

  @Test
  void es256TokenSignedWithAKeyOfTheFileIsAccepted() throws IOException {
    NimbusAccessTokens tokens = verifier(jwksFile(TokenFactory.jwks(EC)), Set.of("ES256"));

    assertThat(Await.result(tokens.verify(TokenFactory.es256(EC, claims(USER).build()))).userId())
        .isEqualTo(UserId.of(USER));
  }

  @Test
  void hs256TokenAgainstAnRsaConfigurationIsRefused() throws IOException {
    NimbusAccessTokens tokens = verifier(jwksFile(TokenFactory.jwks(RSA)), Set.of("RS256"));

    String confused = TokenFactory.hs256WithPublicKeyAsSecret(RSA, claims(USER).build());

    assertThat(Await.failure(tokens.verify(confused))).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void hs256TokenIsRefusedEvenWhenTheFileHoldsASecretKey() throws IOException {
    String withSecret =
        "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\""
            + com.nimbusds.jose.util.Base64URL.encode(TokenFactory.SECRET)
            + "\"}]}";
    NimbusAccessTokens tokens = verifier(jwksFile(withSecret), Set.of("RS256"));

    assertThat(Await.failure(tokens.verify(TokenFactory.hs256(claims(USER).build()))))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void es256TokenAgainstAnRs256OnlyConfigurationIsRefused() throws IOException {
    NimbusAccessTokens tokens = verifier(jwksFile(TokenFactory.jwks(RSA, EC)), Set.of("RS256"));

    assertThat(Await.failure(tokens.verify(TokenFactory.es256(EC, claims(USER).build()))))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void tokenSignedByAKeyNotInTheFileIsRefused() throws IOException {
    NimbusAccessTokens tokens = verifier(jwksFile(TokenFactory.jwks(RSA)), Set.of("RS256"));
    RSAKey stranger = TokenFactory.rsaKey("rsa-1");

    assertThat(Await.failure(tokens.verify(TokenFactory.rs256(stranger, claims(USER).build()))))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void unknownKidRereadsTheFileOnce() throws IOException {
    Path file = jwksFile(TokenFactory.jwks(RSA));
    NimbusAccessTokens tokens = verifier(file, Set.of("RS256"));
    Await.result(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build())));
    RSAKey rotated = TokenFactory.rsaKey("rsa-2");
    Files.writeString(file, TokenFactory.jwks(RSA, rotated));

    assertThat(
            Await.result(tokens.verify(TokenFactory.rs256(rotated, claims(USER).build()))).userId())
        .isEqualTo(UserId.of(USER));
    assertThat(tokens.keyLoads()).isEqualTo(2);
  }

  @Test
  void missingFileIsAnOutageNotABadToken() {
    NimbusAccessTokens tokens = verifier(dir.resolve("missing.json"), Set.of("RS256"));

    assertThat(Await.failure(tokens.verify(TokenFactory.rs256(RSA, claims(USER).build()))))
        .isInstanceOf(io.chat.application.port.out.StoreUnavailableException.class);
  }
}
