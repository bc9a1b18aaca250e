package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: the users I block, paged. */
public interface ListBlockedQuery {

  CompletionStage<BlockedPage> listBlocked(UserId me, PageRequest page);
}
