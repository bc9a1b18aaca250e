package io.chat.application.port.in;

import io.chat.domain.message.ClientMessageId;
import io.chat.domain.shared.ChatId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: staff answer a support chat as the system user; idempotent by client message id.
 */
public interface ReplyToSupportChatUseCase {

  CompletionStage<Sent> reply(
      Actor staff, ChatId chat, String text, Optional<ClientMessageId> clientMessageId);
}
