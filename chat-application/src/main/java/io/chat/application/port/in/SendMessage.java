package io.chat.application.port.in;

import io.chat.domain.message.ClientMessageId;
import io.chat.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Command: send {@code text} from the authenticated {@code sender} to {@code recipient}. The text
 * is raw: the service applies the text rules, so that every transport shares them.
 */
public record SendMessage(
    UserId sender, UserId recipient, String text, Optional<ClientMessageId> clientMessageId) {
  public SendMessage {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
  }
}
