package io.chat.application.service.support;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.MarkSupportChatReadUseCase;
import io.chat.application.port.in.SeenMark;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.marks.Marks;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.ChatId;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Staff mark a support chat read for the desk; the user hears {@code seen} from the desk. */
public final class MarkSupportChatReadService implements MarkSupportChatReadUseCase {
  private final Conversations conversations;
  private final Marks marks;
  private final SupportDesk desk;

  @Inject
  public MarkSupportChatReadService(
      Conversations conversations, Marks marks, ServiceSettings settings) {
    this.conversations = conversations;
    this.marks = marks;
    this.desk = settings.desk();
  }

  @Override
  public CompletionStage<SeenMark> markSupportChatRead(Actor staff, ChatId id) {
    return Stages.defer(
        () -> {
          staff.requireStaff();
          return conversations
              .requireSupportChat(id)
              .thenCompose(chat -> marks.readAll(chat, desk.id()));
        });
  }
}
