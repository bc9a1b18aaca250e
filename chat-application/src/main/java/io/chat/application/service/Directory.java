package io.chat.application.service;

import io.chat.application.port.out.UserDirectory;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Profiles as the services show them: the system user with its configured name, an unknown user as
 * "Deleted user". Shared by the services.
 */
@Singleton
public final class Directory {
  private final UserDirectory users;
  private final SystemUser system;

  @Inject
  public Directory(UserDirectory users, ChatSettings settings) {
    this.users = users;
    this.system = settings.systemUser();
  }

  /** The user's profile; refuses ids nobody knows. */
  public CompletionStage<UserProfile> requireKnown(UserId id) {
    if (system.is(id)) {
      return Stages.done(system.profile());
    }
    return users
        .find(id)
        .thenApply(p -> p.orElseThrow(() -> new NotFoundException("User not found")));
  }

  /** Profiles of every id, known or not. */
  public CompletionStage<Map<UserId, UserProfile>> profiles(Collection<UserId> ids) {
    Set<UserId> lookup = new LinkedHashSet<>(ids);
    lookup.remove(system.id());
    return users
        .findAll(lookup)
        .thenApply(
            found -> {
              Map<UserId, UserProfile> all = new HashMap<>();
              for (UserId id : ids) {
                all.put(
                    id,
                    system.is(id)
                        ? system.profile()
                        : found.getOrDefault(id, UserProfile.deleted(id)));
              }
              return all;
            });
  }
}
