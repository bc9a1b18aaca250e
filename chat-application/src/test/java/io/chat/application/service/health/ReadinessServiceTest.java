package io.chat.application.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class ReadinessServiceTest {
  private final InMemoryCore core = new InMemoryCore();

  @Test
  void readyWhileTheStoreAnswersAndUnavailableWhileItDoesNot() {
    Await.done(core.services.readiness().ready());

    core.health.goDown();
    assertThat(((ChatException) Await.failure(core.services.readiness().ready())).code())
        .isEqualTo(ErrorCode.UNAVAILABLE);

    core.health.comeBack();
    Await.done(core.services.readiness().ready());
  }
}
