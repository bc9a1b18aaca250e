package io.chat.application.port.in;

import io.chat.domain.shared.ChatId;
import java.util.concurrent.CompletionStage;

/** Inbound port: staff mark a support chat read on the desk's behalf. */
public interface MarkSupportChatReadUseCase {

  CompletionStage<SeenMark> markSupportChatRead(Actor staff, ChatId chat);
}
