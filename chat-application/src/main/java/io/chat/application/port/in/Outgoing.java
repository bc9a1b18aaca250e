package io.chat.application.port.in;

import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to send into a chat by its id: raw text (the service applies the text rules), the
 * client's id for retries, members it mentions (groups only), the message of the same chat it
 * answers, and whether it is forwarded from another chat.
 */
public record Outgoing(
    String text,
    Optional<ClientMessageId> clientMessageId,
    List<UserId> mentions,
    Optional<MessageId> replyTo,
    boolean forwarded) {
  public Outgoing {
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    Objects.requireNonNull(replyTo, "replyTo");
    mentions = List.copyOf(mentions);
  }

  public static Outgoing text(String text, Optional<ClientMessageId> clientMessageId) {
    return new Outgoing(text, clientMessageId, List.of(), Optional.empty(), false);
  }
}
