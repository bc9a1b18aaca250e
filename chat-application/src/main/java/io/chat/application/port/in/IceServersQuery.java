package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.util.concurrent.CompletionStage;

/**
 * Inbound query: the STUN and TURN servers a user's client gives its peer connection, with
 * time-limited TURN credentials of their own.
 */
public interface IceServersQuery {

  CompletionStage<IceServers> iceServers(UserId user);
}
