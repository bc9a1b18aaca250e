package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: a page of my chat's history with another user, after my clear mark, oldest first.
 */
public interface ReadHistoryQuery {

  CompletionStage<HistoryPage> readHistory(UserId me, UserId other, HistoryRange range);
}
