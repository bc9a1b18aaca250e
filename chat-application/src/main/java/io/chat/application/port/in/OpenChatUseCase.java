package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: get or create my chat with another user (my support chat when the other is the
 * system user).
 */
public interface OpenChatUseCase {

  CompletionStage<OpenedChat> openChat(UserId me, UserId other);
}
