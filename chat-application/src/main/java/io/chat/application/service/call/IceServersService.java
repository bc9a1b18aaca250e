package io.chat.application.service.call;

import io.chat.application.port.in.IceServers;
import io.chat.application.port.in.IceServersQuery;
import io.chat.application.port.out.TurnSecret;
import io.chat.application.service.shared.Stages;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The ICE servers of the configuration: the STUN URLs as one entry, and the TURN URLs as another
 * with a credential in the "TURN REST API" form that coturn's {@code use-auth-secret} checks: the
 * username is {@code <unix time of expiry>:<userId>}, the credential base64(HMAC-SHA1(secret,
 * username)). Without TURN URLs or a secret, STUN only (possibly nothing at all).
 */
public final class IceServersService implements IceServersQuery {
  private final CallSettings settings;
  private final Optional<TurnSecret> secret;
  private final Clock clock;

  @Inject
  public IceServersService(CallSettings settings, Optional<TurnSecret> secret, Clock clock) {
    this.settings = settings;
    this.secret = secret;
    this.clock = clock;
  }

  @Override
  public CompletionStage<IceServers> iceServers(UserId user) {
    List<IceServers.Server> servers = new ArrayList<>();
    if (!settings.stunUrls().isEmpty()) {
      servers.add(new IceServers.Server(settings.stunUrls(), Optional.empty(), Optional.empty()));
    }
    long ttl = settings.turnTtl().getSeconds();
    if (settings.turnUrls().isEmpty() || secret.isEmpty()) {
      return Stages.done(new IceServers(servers, ttl));
    }
    String username = (clock.instant().getEpochSecond() + ttl) + ":" + user.value();
    return secret
        .get()
        .sign(username)
        .thenApply(
            credential -> {
              servers.add(
                  new IceServers.Server(
                      settings.turnUrls(), Optional.of(username), Optional.of(credential)));
              return new IceServers(servers, ttl);
            });
  }
}
