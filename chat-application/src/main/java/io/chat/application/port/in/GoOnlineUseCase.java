package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: one of my devices connected; partners hear when it is my first, and I learn who of
 * them is online.
 */
public interface GoOnlineUseCase {

  CompletionStage<PresenceSnapshot> goOnline(UserId me);

  /**
   * {@code user}, told offline while their devices stayed connected (their node was judged dead and
   * came back), is counted online again by presence: partners hear {@code user:online}.
   */
  CompletionStage<Void> backOnlineWithNode(UserId user);
}
