package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.user.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupportStateTest {
  private static final RelatedEntity TRIP = RelatedEntity.of("trip_verification", "trip-42");

  @Test
  void aSupportChatStartsOpenAboutItsTopicWithNobodyAssigned() {
    SupportState opened = SupportState.opened(Optional.of(TRIP));

    assertThat(opened.status()).isEqualTo(SupportStatus.OPEN);
    assertThat(opened.relatedEntity()).contains(TRIP);
    assertThat(opened.assignedAdminId()).isEmpty();
  }

  @Test
  void eachChangeReplacesOneFieldOnly() {
    SupportState opened = SupportState.opened(Optional.of(TRIP));
    RelatedEntity other = RelatedEntity.of("support", null);
    UserId admin = UserId.of("admin-7");

    assertThat(opened.withStatus(SupportStatus.RESOLVED))
        .isEqualTo(new SupportState(SupportStatus.RESOLVED, Optional.of(TRIP), Optional.empty()));
    assertThat(opened.withAssignee(Optional.of(admin)))
        .isEqualTo(new SupportState(SupportStatus.OPEN, Optional.of(TRIP), Optional.of(admin)));
    assertThat(opened.withRelatedEntity(other))
        .isEqualTo(new SupportState(SupportStatus.OPEN, Optional.of(other), Optional.empty()));
    assertThat(opened.withAssignee(Optional.of(admin)).withAssignee(Optional.empty()))
        .isEqualTo(opened);
  }
}
