package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: block a user (idempotent). */
public interface BlockUserUseCase {

  CompletionStage<Void> block(UserId me, UserId other);
}
