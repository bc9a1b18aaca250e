package io.chat.application.port.in;

import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: move my read mark up to one message of the other side (never backwards). */
public interface MarkSeenUseCase {

  CompletionStage<SeenMark> markSeen(UserId me, UserId other, MessageId message);
}
