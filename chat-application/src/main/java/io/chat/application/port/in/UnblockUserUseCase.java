package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: lift my block of a user (idempotent). */
public interface UnblockUserUseCase {

  CompletionStage<Void> unblock(UserId me, UserId other);
}
