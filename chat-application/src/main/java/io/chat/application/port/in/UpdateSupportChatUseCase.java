package io.chat.application.port.in;

import io.chat.domain.chat.SupportChange;
import io.chat.domain.shared.ChatId;
import java.util.concurrent.CompletionStage;

/** Inbound port: staff set a support chat's status or assignee. */
public interface UpdateSupportChatUseCase {

  CompletionStage<ChatView> updateSupportChat(Actor staff, ChatId chat, SupportChange change);
}
