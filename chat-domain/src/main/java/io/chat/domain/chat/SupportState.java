package io.chat.domain.chat;

import io.chat.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/** The support desk's fields of a support chat: status, topic and the member of staff on it. */
public record SupportState(
    SupportStatus status, Optional<RelatedEntity> relatedEntity, Optional<UserId> assignedAdminId) {
  public SupportState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(relatedEntity, "relatedEntity");
    Objects.requireNonNull(assignedAdminId, "assignedAdminId");
  }

  /** A support chat starts open, about whatever it was opened for, with nobody assigned. */
  public static SupportState opened(Optional<RelatedEntity> relatedEntity) {
    return new SupportState(SupportStatus.OPEN, relatedEntity, Optional.empty());
  }

  public SupportState withStatus(SupportStatus next) {
    return new SupportState(next, relatedEntity, assignedAdminId);
  }

  public SupportState withAssignee(Optional<UserId> admin) {
    return new SupportState(status, relatedEntity, admin);
  }

  public SupportState withRelatedEntity(RelatedEntity entity) {
    return new SupportState(status, Optional.of(entity), assignedAdminId);
  }
}
