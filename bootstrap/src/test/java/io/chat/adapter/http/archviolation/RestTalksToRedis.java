package io.chat.adapter.http.archviolation;

import io.lettuce.core.RedisClient;

/** The Redis client outside the Redis adapter. */
public final class RestTalksToRedis {
  RedisClient redis;
}
