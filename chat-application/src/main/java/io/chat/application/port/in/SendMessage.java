package io.chat.application.port.in;

import io.chat.domain.message.ClientMessageId;
import io.chat.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Command: send {@code text} from the authenticated {@code sender} to {@code recipient}. The text
 * is raw: the service applies the text rules, so that every transport shares them. {@code quote} is
 * the checked message of their chat it answers.
 */
public record SendMessage(
    UserId sender,
    UserId recipient,
    String text,
    Optional<ClientMessageId> clientMessageId,
    Optional<ReplyPreview> quote,
    boolean forwarded) {
  public SendMessage {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    Objects.requireNonNull(quote, "quote");
  }

  /** A message that answers nothing and is not forwarded. */
  public SendMessage(
      UserId sender, UserId recipient, String text, Optional<ClientMessageId> clientMessageId) {
    this(sender, recipient, text, clientMessageId, Optional.empty(), false);
  }
}
