package io.chat.application.service.user;

import io.chat.application.port.out.UserDirectory;
import io.chat.application.service.shared.ExpiringCache;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Profiles as the services show them: the system user with its configured name, an unknown user as
 * "Deleted user", a user whose name passes for the desk's with a neutral one. Known users are
 * remembered for the settings' lookup time, since every send, typing event and history page asks.
 * Shared by the services.
 */
@Singleton
public final class Directory {
  private static final int MAX_REMEMBERED = 100_000;

  private final UserDirectory users;
  private final SupportDesk desk;
  private final ExpiringCache<UserId, Optional<UserProfile>> known;

  @Inject
  public Directory(UserDirectory users, ServiceSettings settings, Clock clock) {
    this.users = users;
    this.desk = settings.desk();
    this.known = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_REMEMBERED, clock);
  }

  /** The user's profile; refuses ids nobody knows. */
  public CompletionStage<UserProfile> requireKnown(UserId id) {
    if (desk.is(id)) {
      return Stages.done(desk.profile());
    }
    // Remembered as shown: the look-alike check runs once per lookup of the store, not per ask.
    return known
        .get(id, () -> users.find(id).thenApply(p -> p.map(desk::shown)), Optional::isPresent)
        .thenApply(p -> p.orElseThrow(() -> new NotFoundException("User not found")));
  }

  /** Profiles of every id, known or not. */
  public CompletionStage<Map<UserId, UserProfile>> profiles(Collection<UserId> ids) {
    Set<UserId> lookup = new LinkedHashSet<>(ids);
    lookup.remove(desk.id());
    return users
        .findAll(lookup)
        .thenApply(
            found -> {
              Map<UserId, UserProfile> all = new HashMap<>();
              for (UserId id : ids) {
                all.put(
                    id,
                    desk.is(id)
                        ? desk.profile()
                        : desk.shown(found.getOrDefault(id, UserProfile.deleted(id))));
              }
              return all;
            });
  }
}
