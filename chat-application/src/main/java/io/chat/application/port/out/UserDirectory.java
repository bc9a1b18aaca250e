package io.chat.application.port.out;

import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Outbound port: the profile directory. A host service may answer it from its own user store. */
public interface UserDirectory {

  CompletionStage<Optional<UserProfile>> find(UserId id);

  /** The profiles of those of {@code ids} that are known, by id. */
  CompletionStage<Map<UserId, UserProfile>> findAll(Collection<UserId> ids);

  /** Stores the profile, replacing the one with the same id. */
  CompletionStage<Void> save(UserProfile profile);
}
