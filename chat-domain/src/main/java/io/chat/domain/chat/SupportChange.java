package io.chat.domain.chat;

import io.chat.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * A partial change of a support chat's fields: only what is present changes, so that a change by
 * staff never undoes a status that a message set meanwhile.
 */
public record SupportChange(
    Optional<SupportStatus> status,
    boolean changeAssignee,
    Optional<UserId> assignee,
    Optional<RelatedEntity> relatedEntity) {

  public SupportChange {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(assignee, "assignee");
    Objects.requireNonNull(relatedEntity, "relatedEntity");
    if (!changeAssignee && assignee.isPresent()) {
      throw new IllegalArgumentException("an assignee is given only with changeAssignee");
    }
  }

  public static SupportChange none() {
    return new SupportChange(Optional.empty(), false, Optional.empty(), Optional.empty());
  }

  public SupportChange withStatus(SupportStatus next) {
    return new SupportChange(Optional.of(next), changeAssignee, assignee, relatedEntity);
  }

  public SupportChange withAssignee(Optional<UserId> admin) {
    return new SupportChange(status, true, admin, relatedEntity);
  }

  public SupportChange withRelatedEntity(RelatedEntity entity) {
    return new SupportChange(status, changeAssignee, assignee, Optional.of(entity));
  }

  public boolean isEmpty() {
    return status.isEmpty() && !changeAssignee && relatedEntity.isEmpty();
  }

  /** The support fields after this change. */
  public SupportState applyTo(SupportState state) {
    SupportState next = status.map(state::withStatus).orElse(state);
    next = changeAssignee ? next.withAssignee(assignee) : next;
    return relatedEntity.map(next::withRelatedEntity).orElse(next);
  }
}
