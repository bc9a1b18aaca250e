package io.chat.adapter.jwt;

import static io.chat.adapter.jwt.TokenFactory.claims;
import static io.chat.adapter.jwt.TokenFactory.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.chat.application.port.out.AccessToken;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedSecretVerificationTest {
  private static final String USER = "65a1b2c3d4e5f60718293a4b";

  private final NimbusAccessTokens tokens =
      NimbusAccessTokens.create(JwtConfig.sharedSecret(TokenFactory.SECRET));

  private AccessToken verify(String token) {
    return Await.result(tokens.verify(token));
  }

  private static void assertRefused(NimbusAccessTokens verifier, String token) {
    Throwable failure = Await.failure(verifier.verify(token));
    assertThat(failure).isInstanceOf(InvalidTokenException.class);
    assertThat(((InvalidTokenException) failure).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
  }

  private void assertRefused(String token) {
    assertRefused(tokens, token);
  }

  @Test
  void validTokenNamesTheUserFromTheSubject() {
    AccessToken token = verify(hs256(claims(USER).build()));

    assertThat(token.userId()).isEqualTo(UserId.of(USER));
    assertThat(token.admin()).isFalse();
    assertThat(token.name()).isEmpty();
    assertThat(token.picture()).isEmpty();
  }

  @Test
  void userIdClaimWinsOverTheSubject() {
    AccessToken token = verify(hs256(claims("auth0|something").claim("userId", USER).build()));

    assertThat(token.userId()).isEqualTo(UserId.of(USER));
  }

  @Test
  void upperCaseObjectIdBecomesTheSameUserAsLowerCase() {
    AccessToken token = verify(hs256(claims(USER.toUpperCase()).build()));

    assertThat(token.userId().value()).isEqualTo(USER);
  }

  @Test
  void adminRoleMarksStaff() {
    assertThat(verify(hs256(claims(USER).claim("role", "admin").build())).admin()).isTrue();
  }

  @Test
  void anyOtherRoleIsNotStaff() {
    assertThat(verify(hs256(claims(USER).claim("role", "user").build())).admin()).isFalse();
    assertThat(verify(hs256(claims(USER).claim("role", List.of("admin")).build())).admin())
        .isFalse();
  }

  @Test
  void nameAndPictureClaimsAreCarried() {
    AccessToken token =
        verify(
            hs256(
                claims(USER)
                    .claim("name", "Ada Lovelace")
                    .claim("picture", "https://example.test/ada.png")
                    .build()));

    assertThat(token.name()).contains("Ada Lovelace");
    assertThat(token.picture()).contains("https://example.test/ada.png");
  }

  @Test
  void expiryIsTheTokensExp() {
    Instant exp =
        Instant.now().plusSeconds(300).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
    AccessToken token = verify(hs256(claims(USER).expirationTime(Date.from(exp)).build()));

    assertThat(token.expiresAt()).isEqualTo(exp);
  }

  @Test
  void unsecuredTokenWithAlgNoneIsRefused() {
    assertRefused(TokenFactory.unsecured(claims(USER).build()));
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() {
    assertRefused(hs256("another-secret-that-is-also-long-enough!!", claims(USER).build()));
  }

  @Test
  void tokenWithATamperedPayloadIsRefused() {
    String token = hs256(claims(USER).build());
    String tampered =
        TokenFactory.withPayload(token, json -> json.replace(USER, "000000000000000000000abc"));

    assertRefused(tampered);
  }

  @Test
  void expiredTokenIsRefused() {
    Instant now = Instant.now();
    JWTClaimsSet claims = claims(USER).expirationTime(Date.from(now.minusSeconds(120))).build();

    Throwable failure = Await.failure(tokens.verify(hs256(claims)));

    assertThat(failure).isInstanceOf(InvalidTokenException.class).hasMessage("Token expired");
  }

  @Test
  void tokenExpiredWithinTheClockSkewIsAccepted() {
    JWTClaimsSet claims =
        claims(USER).expirationTime(Date.from(Instant.now().minusSeconds(20))).build();

    assertThat(verify(hs256(claims)).userId()).isEqualTo(UserId.of(USER));
  }

  @Test
  void tokenWithoutExpIsRefused() {
    assertRefused(hs256(new JWTClaimsSet.Builder().subject(USER).build()));
  }

  @Test
  void tokenNotValidBeforeALaterTimeIsRefused() {
    JWTClaimsSet claims =
        claims(USER).notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build();

    assertRefused(hs256(claims));
  }

  @Test
  void notBeforeWithinTheClockSkewIsAccepted() {
    JWTClaimsSet claims =
        claims(USER).notBeforeTime(Date.from(Instant.now().plusSeconds(20))).build();

    assertThat(verify(hs256(claims)).userId()).isEqualTo(UserId.of(USER));
  }

  @Test
  void wrongIssuerIsRefusedWhenAnIssuerIsConfigured() {
    NimbusAccessTokens strict =
        NimbusAccessTokens.create(
            JwtConfig.sharedSecret(TokenFactory.SECRET).withIssuer("https://auth.example.test"));

    assertRefused(strict, hs256(claims(USER).issuer("https://evil.example.test").build()));
    assertRefused(strict, hs256(claims(USER).build()));
    assertThat(
            Await.result(
                    strict.verify(hs256(claims(USER).issuer("https://auth.example.test").build())))
                .userId())
        .isEqualTo(UserId.of(USER));
  }

  @Test
  void issuerIsNotCheckedWhenNoneIsConfigured() {
    assertThat(verify(hs256(claims(USER).issuer("anyone").build())).userId())
        .isEqualTo(UserId.of(USER));
  }

  @Test
  void wrongAudienceIsRefusedWhenAudiencesAreConfigured() {
    NimbusAccessTokens strict =
        NimbusAccessTokens.create(
            JwtConfig.sharedSecret(TokenFactory.SECRET).withAudiences(Set.of("chat")));

    assertRefused(strict, hs256(claims(USER).audience("billing").build()));
    assertRefused(strict, hs256(claims(USER).build()));
    assertThat(Await.result(strict.verify(hs256(claims(USER).audience("chat").build()))).userId())
        .isEqualTo(UserId.of(USER));
  }

  @Test
  void subjectThatIsNotAValidUserIdIsRefused() {
    assertRefused(hs256(claims("bad id with spaces").build()));
    assertRefused(hs256(claims("x".repeat(65)).build()));
  }

  @Test
  void tokenWithNeitherUserIdNorSubjectIsRefused() {
    assertRefused(hs256(claims(USER).subject(null).build()));
  }

  @Test
  void userIdClaimThatIsNotATextIsRefused() {
    assertRefused(hs256(claims(USER).claim("userId", 42).build()));
  }

  @Test
  void tokenSignedWithAnAsymmetricKeyIsRefusedByASecretConfiguration() {
    assertRefused(TokenFactory.rs256(TokenFactory.rsaKey("k1"), claims(USER).build()));
  }

  @Test
  void garbageIsRefused() {
    assertRefused("");
    assertRefused("not-a-token");
    assertRefused("a.b.c");
    assertRefused(null);
  }

  @Test
  void secretShorterThan32BytesIsRefusedAtConfiguration() {
    assertThatThrownBy(() -> JwtConfig.sharedSecret("short-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void secretConfigurationCannotAcceptAsymmetricAlgorithms() {
    JwtConfig config = JwtConfig.sharedSecret(TokenFactory.SECRET);

    assertThatThrownBy(
            () ->
                new JwtConfig(
                    config.keys(),
                    Set.of("HS256", "RS256"),
                    config.issuer(),
                    config.audiences(),
                    config.clockSkew(),
                    config.fetchTimeout(),
                    config.cacheTtl(),
                    config.refreshMinInterval()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretIsNeverPrinted() {
    assertThat(JwtConfig.sharedSecret(TokenFactory.SECRET).toString())
        .doesNotContain(TokenFactory.SECRET);
  }
}
