package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: whether my chat with another user is muted now. */
public interface MuteStatusQuery {

  CompletionStage<MuteStatus> muteStatus(UserId me, UserId other);
}
