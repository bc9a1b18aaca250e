package io.chat.adapter.redis;

import io.chat.application.contract.PresenceContract;
import io.chat.application.port.out.Presence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link Presence} contract on a real Redis, through two nodes: two clients of their own, each
 * node with an id of its own, sharing the keys of each test.
 */
class RedisPresenceContractTest extends PresenceContract {
  @RegisterExtension static final TwoRedisNodes NODES = new TwoRedisNodes();

  private final List<RedisPresence> opened = new ArrayList<>();
  private String prefix;

  @AfterEach
  void closePresences() {
    opened.forEach(RedisPresence::close);
  }

  @Override
  protected Presence newPresence() {
    prefix = NODES.freshPrefix();
    return open(NODES.a(), "node-a");
  }

  @Override
  protected Presence anotherNodeOf(Presence presence) {
    return open(NODES.b(), "node-b");
  }

  private RedisPresence open(RedisStore store, String node) {
    RedisPresence presence =
        new RedisPresence(
                store.commands(),
                store.scheduler(),
                prefix,
                node,
                RedisPresence.Timing.DEFAULT,
                user -> {})
            .start();
    opened.add(presence);
    return presence;
  }
}
