package io.chat.application.service.message;

import io.chat.application.port.in.RateLimitedException;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.SendMessageUseCase;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.SendRateLimit;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.message.MessageText;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * Sends a user's message: text rules, the rules between the two users (nobody sends as the desk),
 * then the rate limit; a message to the system user lands in the sender's support chat.
 */
public final class SendMessageService implements SendMessageUseCase {
  private final Conversations conversations;
  private final SendRateLimit rateLimit;
  private final MessageSender sender;
  private final ServiceSettings settings;

  @Inject
  public SendMessageService(
      Conversations conversations,
      SendRateLimit rateLimit,
      MessageSender sender,
      ServiceSettings settings) {
    this.conversations = conversations;
    this.rateLimit = rateLimit;
    this.sender = sender;
    this.settings = settings;
  }

  @Override
  public CompletionStage<Sent> send(SendMessage command) {
    return Stages.defer(
        () -> {
          MessageText text = MessageText.of(command.text(), settings.maxTextLength());
          return conversations
              .requireCanTalk(command.sender(), command.recipient())
              .thenCompose(ok -> rateLimit.acquire(command.sender()))
              .thenCompose(
                  wait -> {
                    if (wait.isPresent()) {
                      throw new RateLimitedException(wait.get());
                    }
                    return sender.send(
                        command.sender(),
                        command.recipient(),
                        text,
                        command.clientMessageId(),
                        command.quote(),
                        command.forwarded());
                  });
        });
  }
}
