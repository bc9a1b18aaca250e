package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/** Inbound port: which of my chat partners are online now. */
public interface OnlinePartnersQuery {

  CompletionStage<PresenceSnapshot> onlinePartners(UserId me);
}
