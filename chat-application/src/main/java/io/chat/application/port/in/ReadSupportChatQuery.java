package io.chat.application.port.in;

import io.chat.domain.shared.ChatId;
import java.util.concurrent.CompletionStage;

/** Inbound port: one support chat for staff, with a page of its messages. */
public interface ReadSupportChatQuery {

  CompletionStage<SupportChatDetail> readSupportChat(Actor staff, ChatId chat, HistoryRange range);
}
