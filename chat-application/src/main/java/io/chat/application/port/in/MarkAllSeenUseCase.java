package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: move my read mark to the chat's last message. */
public interface MarkAllSeenUseCase {

  CompletionStage<SeenMark> markAllSeen(UserId me, UserId other);
}
