package io.chat.application.service.user;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.AuthenticateUseCase;
import io.chat.application.port.out.AccessToken;
import io.chat.application.port.out.AccessTokens;
import io.chat.application.port.out.InvalidTokenException;
import io.chat.application.port.out.UserDirectory;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer token and makes its user known: on first sight the directory gets a profile
 * from the token's {@code name} and {@code picture} (or a placeholder), and later tokens with other
 * values refresh it. The system user's id is never an identity.
 */
public final class AuthenticateService implements AuthenticateUseCase {
  private static final int REMEMBERED = 10_000;

  private final AccessTokens tokens;
  private final UserDirectory users;
  private final SupportDesk desk;

  /** Claims already written to the directory, so that a busy user does not cost a write a call. */
  private final Map<UserId, Claims> remembered = new ConcurrentHashMap<>();

  @Inject
  public AuthenticateService(AccessTokens tokens, UserDirectory users, ServiceSettings settings) {
    this.tokens = tokens;
    this.users = users;
    this.desk = settings.desk();
  }

  @Override
  public CompletionStage<Actor> authenticate(String bearerToken) {
    return Stages.defer(
        () -> {
          if (bearerToken == null || bearerToken.isBlank()) {
            throw new InvalidTokenException("Auth required");
          }
          return tokens
              .verify(bearerToken)
              .thenCompose(
                  token -> {
                    desk.requireNotImpersonatedBy(token.userId());
                    return remember(token)
                        .thenApply(
                            ok -> new Actor(token.userId(), token.admin(), token.expiresAt()));
                  });
        });
  }

  private CompletionStage<Void> remember(AccessToken token) {
    Claims claims = new Claims(token.name(), token.picture());
    if (claims.equals(remembered.get(token.userId()))) {
      return Stages.done(null);
    }
    return users
        .find(token.userId())
        .thenCompose(
            known -> {
              Optional<UserProfile> next = claims.update(token.userId(), known, desk);
              return next.isPresent() ? users.save(next.get()) : Stages.<Void>done(null);
            })
        .thenRun(
            () -> {
              if (remembered.size() >= REMEMBERED) {
                remembered.clear();
              }
              remembered.put(token.userId(), claims);
            });
  }

  /** The profile claims a token carried. */
  private record Claims(Optional<String> name, Optional<String> picture) {
    /** The profile to store: a new one for a new user, a refreshed one when claims changed. */
    Optional<UserProfile> update(UserId id, Optional<UserProfile> known, SupportDesk desk) {
      // A name that passes for the desk's is not taken: the user keeps the name they had.
      Optional<String> cleanName =
          name.flatMap(UserProfile::fittingName).filter(n -> !desk.isLookAlikeName(n));
      Optional<String> cleanPicture =
          picture.filter(p -> !p.isBlank() && p.length() <= UserProfile.MAX_PICTURE_LENGTH);
      if (known.isEmpty()) {
        return Optional.of(
            cleanName
                .map(n -> new UserProfile(id, n, cleanPicture, false))
                .orElseGet(() -> UserProfile.placeholder(id)));
      }
      UserProfile current = known.get();
      String nextName = cleanName.orElse(current.fullName());
      Optional<String> nextPicture = cleanPicture.isPresent() ? cleanPicture : current.profilePic();
      if (Objects.equals(nextName, current.fullName())
          && Objects.equals(nextPicture, current.profilePic())) {
        return Optional.empty();
      }
      return Optional.of(new UserProfile(id, nextName, nextPicture, current.verified()));
    }
  }
}
