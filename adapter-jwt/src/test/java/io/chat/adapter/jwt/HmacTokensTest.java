package io.chat.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.application.port.out.AccessToken;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HmacTokensTest {
  private final String secret = HmacTokens.randomSecret();
  private final NimbusAccessTokens verifier =
      NimbusAccessTokens.create(JwtConfig.sharedSecret(secret));

  @Test
  void mintedTokensVerifyWithTheSameSecretAndCarryUserRoleAndName() {
    String token =
        new HmacTokens(secret)
            .mint(
                UserId.of("alice"), true, Optional.of("Alice"), Instant.now(), Duration.ofHours(1));

    AccessToken claims = verifier.verify(token).toCompletableFuture().join();

    assertThat(claims.userId()).isEqualTo(UserId.of("alice"));
    assertThat(claims.admin()).isTrue();
    assertThat(claims.name()).contains("Alice");
  }

  @Test
  void tokensOfAnotherSecretOrPastTheirTimeAreRefused() {
    String foreign =
        new HmacTokens(HmacTokens.randomSecret())
            .mint(UserId.of("bob"), false, Optional.empty(), Instant.now(), Duration.ofHours(1));
    String expired =
        new HmacTokens(secret)
            .mint(
                UserId.of("bob"),
                false,
                Optional.empty(),
                Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1));

    for (String token : new String[] {foreign, expired}) {
      assertThatThrownBy(() -> verifier.verify(token).toCompletableFuture().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(InvalidTokenException.class);
    }
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new HmacTokens("short")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTokenOfAnotherSecretIsToldApartFromOurOwnAndFromGarbage() {
    HmacTokens ours = new HmacTokens(secret);
    String foreign =
        new HmacTokens(HmacTokens.randomSecret())
            .mint(UserId.of("bob"), false, Optional.empty(), Instant.now(), Duration.ofHours(1));
    String own = ours.mint(UserId.of("bob"), false, Optional.empty(), Instant.now(), Duration.ZERO);

    assertThat(ours.signedWithAnotherSecret(foreign)).isTrue();
    assertThat(ours.signedWithAnotherSecret(own)).as("ours, even expired").isFalse();
    assertThat(ours.signedWithAnotherSecret("not.a.token")).isFalse();
    assertThat(ours.signedWithAnotherSecret(null)).isFalse();
  }
}
