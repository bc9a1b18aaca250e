package io.chat.application.service.group;

import io.chat.application.port.out.MembershipRepository;
import io.chat.application.service.shared.ExpiringCache;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Who hears of a group's entries: its current members, remembered per group and forgotten at every
 * membership change this process makes (and after the lookup time otherwise), so that a send reads
 * no member.
 */
@Singleton
public final class GroupAudience {
  private static final int MAX_REMEMBERED = 10_000;

  private final MembershipRepository memberships;
  private final ExpiringCache<ChatId, List<UserId>> current;

  @Inject
  public GroupAudience(MembershipRepository memberships, ServiceSettings settings, Clock clock) {
    this.memberships = memberships;
    this.current = new ExpiringCache<>(settings.lookupCacheTtl(), MAX_REMEMBERED, clock);
  }

  public CompletionStage<List<UserId>> of(ChatId group) {
    return current.get(
        group,
        () ->
            memberships
                .current(group)
                .thenApply(list -> list.stream().map(Membership::user).toList()),
        list -> true);
  }

  /** The group's members changed: the next entry asks the store again. */
  void changed(ChatId group) {
    current.invalidate(group);
  }
}
