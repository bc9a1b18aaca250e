package io.chat.application.service.rules;

import io.chat.application.port.in.ClientRules;
import io.chat.application.port.in.ClientRulesQuery;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.domain.group.GroupRules;
import io.chat.domain.message.MessageRules;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Tells clients the limits of the settings the services enforce, read once: they never change. */
public final class ClientRulesService implements ClientRulesQuery {
  private final ClientRules rules;

  @Inject
  public ClientRulesService(ServiceSettings settings) {
    MessageRules messages = settings.messageRules();
    GroupRules groups = settings.groupRules();
    this.rules =
        new ClientRules(
            settings.maxTextLength(),
            messages.editWindow(),
            messages.deleteWindow(),
            messages.maxPins(),
            messages.maxReactions(),
            List.copyOf(messages.allowed()),
            groups.maxMembers(),
            groups.maxAddedPerRequest(),
            groups.presenceGroupSize());
  }

  @Override
  public CompletionStage<ClientRules> rules() {
    return CompletableFuture.completedFuture(rules);
  }
}
