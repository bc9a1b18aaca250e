package io.chat.bootstrap;

import io.chat.adapter.jwt.HmacTokens;
import io.chat.adapter.mongo.EmbeddedMongo;
import io.chat.adapter.redis.RedisServer;
import io.chat.domain.user.UserId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server processes of one deployment of several nodes, for the tests that start them: each on the
 * same MongoDB and Redis, with one JWT secret, push off, and a send limit of its own.
 */
final class SharedNodes {
  private final EmbeddedMongo mongo;
  private final RedisServer redis;
  private final String secret = HmacTokens.randomSecret();
  private final HmacTokens tokens = new HmacTokens(secret);

  SharedNodes(EmbeddedMongo mongo, RedisServer redis) {
    this.mongo = mongo;
    this.redis = redis;
  }

  /** A node with its data directory in {@code dataDir}, sending at most {@code burst} at once. */
  ServerProcess start(Path dataDir, int burst, double perSecond) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data-dir",
                dataDir.toString(),
                "--mongo-uri",
                mongo.connectionString(),
                "--redis-uri",
                redis.uri(),
                "--jwt-secret",
                secret,
                "--push-enabled",
                "false",
                "--send-burst",
                String.valueOf(burst),
                "--send-per-second",
                String.valueOf(perSecond)));
    return ServerProcess.start(Map.of(), args.toArray(String[]::new));
  }

  /** A node whose send limit no test reaches. */
  ServerProcess start(Path dataDir) {
    return start(dataDir, 1000, 1000);
  }

  /** A token of {@code id} for every node, valid for an hour. */
  String token(String id) {
    return tokens.mint(UserId.of(id), false, Optional.of(id), Instant.now(), Duration.ofHours(1));
  }
}
