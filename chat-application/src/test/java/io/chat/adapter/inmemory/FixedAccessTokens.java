package io.chat.adapter.inmemory;

import io.chat.application.port.out.AccessToken;
import io.chat.application.port.out.AccessTokens;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Token verification by table: known token texts stand for fixed claims, all else is refused. */
public final class FixedAccessTokens implements AccessTokens {
  /** Far enough ahead that no test meets it. */
  public static final Instant NEVER = Instant.parse("2999-01-01T00:00:00Z");

  private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

  /** Makes {@code token} stand for {@code claims}; answers this, for chaining. */
  public FixedAccessTokens with(String token, AccessToken claims) {
    tokens.put(token, claims);
    return this;
  }

  /** Makes {@code token} stand for a plain user, without name or picture. */
  public FixedAccessTokens withUser(String token, UserId user) {
    return with(token, new AccessToken(user, false, NEVER, Optional.empty(), Optional.empty()));
  }

  /** Makes {@code token} stand for a member of staff. */
  public FixedAccessTokens withAdmin(String token, UserId admin) {
    return with(token, new AccessToken(admin, true, NEVER, Optional.empty(), Optional.empty()));
  }

  /** Makes {@code token} invalid from now on, as if revoked. */
  public void revoke(String token) {
    tokens.remove(token);
  }

  @Override
  public CompletionStage<AccessToken> verify(String token) {
    AccessToken claims = token == null ? null : tokens.get(token);
    return claims == null
        ? CompletableFuture.failedFuture(new InvalidTokenException("Invalid or expired token"))
        : CompletableFuture.completedFuture(claims);
  }
}
