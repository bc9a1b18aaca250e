package io.chat.application.service.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.in.ClientRules;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.group.GroupRules;
import io.chat.domain.message.MessageRules;
import io.chat.domain.message.MessageText;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client is told of the limits is what the core was configured with. */
class ClientRulesServiceTest {

  @Test
  void theConfiguredLimitsAreTheOnesTold() {
    InMemoryCore core =
        new InMemoryCore(
            ChatSettings.defaults()
                .withMaxTextLength(280)
                .withGroupRules(new GroupRules(40, 7, 12))
                .withMessageRules(
                    new MessageRules(
                        Duration.ofSeconds(90),
                        Duration.ofMinutes(5),
                        3,
                        4,
                        new LinkedHashSet<>(List.of("🎉", "👍", "+1")))));

    ClientRules rules = Await.done(core.services.clientRules().rules());

    assertThat(rules.maxTextLength()).isEqualTo(280);
    assertThat(rules.editWindow()).isEqualTo(Duration.ofSeconds(90));
    assertThat(rules.deleteWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rules.maxPins()).isEqualTo(3);
    assertThat(rules.maxReactions()).isEqualTo(4);
    assertThat(rules.allowedReactions()).containsExactly("🎉", "👍", "+1");
    assertThat(rules.groupMaxMembers()).isEqualTo(40);
    assertThat(rules.groupMaxAdded()).isEqualTo(7);
    assertThat(rules.groupPresenceSize()).isEqualTo(12);
  }

  @Test
  void theDefaultsAreToldAsTheyAreWithAnyEmojiAllowed() {
    ClientRules rules = Await.done(new InMemoryCore().services.clientRules().rules());

    assertThat(rules)
        .isEqualTo(
            new ClientRules(
                MessageText.DEFAULT_MAX_LENGTH,
                MessageRules.DEFAULT_EDIT_WINDOW,
                MessageRules.DEFAULT_DELETE_WINDOW,
                MessageRules.DEFAULT_MAX_PINS,
                MessageRules.DEFAULT_MAX_REACTIONS,
                List.of(),
                GroupRules.DEFAULT_MAX_MEMBERS,
                GroupRules.DEFAULT_MAX_ADDED_PER_REQUEST,
                GroupRules.DEFAULT_PRESENCE_GROUP_SIZE));
  }
}
