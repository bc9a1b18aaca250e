package io.chat.adapter.redis;

import io.chat.application.port.out.CallRegistry;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallState;
import io.chat.domain.call.CallType;
import io.chat.domain.call.DeviceId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The calls of every node, in Redis: a call is a hash of its fields ({@code <prefix>call:<id>}), a
 * user in a live call has {@code <prefix>calllive:<user>} holding its id, and ended calls are kept
 * for {@link #KEEP_ENDED} in a sorted set scored by when they ended, on the clock this registry is
 * given (as the in-process registry does, so that one contract drives both). Placing and replacing
 * are one script each: the checks and the write are atomic for every node, and a replace wins only
 * over the version it was made from.
 */
public final class RedisCallRegistry implements CallRegistry {
  /** How long an ended call is still found, so that a late action on it is told it ended. */
  public static final Duration KEEP_ENDED = Duration.ofMinutes(10);

  private final RedisAsyncCommands<String, String> redis;
  private final Clock clock;
  private final Duration keepEnded;
  private final String calls;
  private final String live;
  private final String ended;
  private final RedisScript place;
  private final RedisScript replace;
  private final RedisScript find;

  RedisCallRegistry(
      RedisAsyncCommands<String, String> redis, String keyPrefix, Clock clock, Duration keepEnded) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keepEnded = keepEnded;
    this.calls = keyPrefix + "call:";
    this.live = keyPrefix + "calllive:";
    this.ended = keyPrefix + "calls:ended";
    this.place = RedisScript.load("call-place.lua", ScriptOutputType.STATUS, redis);
    this.replace = RedisScript.load("call-replace.lua", ScriptOutputType.INTEGER, redis);
    this.find = RedisScript.load("call-find.lua", ScriptOutputType.MULTI, redis);
  }

  @Override
  public CompletionStage<Placed> place(Call call) {
    List<String> args = new ArrayList<>(common(call));
    args.addAll(fields(call));
    return place
        .<String>run(redis, keys(call), args.toArray(String[]::new))
        .thenApply(Placed::valueOf);
  }

  @Override
  public CompletionStage<Optional<Call>> find(CallId id) {
    return read(calls + id.value(), false);
  }

  @Override
  public CompletionStage<Optional<Call>> liveCallOf(UserId user) {
    return read(live + user.value(), true);
  }

  @Override
  public CompletionStage<Boolean> replace(long expectedVersion, Call next) {
    List<String> args = new ArrayList<>(common(next));
    args.add(Long.toString(expectedVersion));
    args.addAll(fields(next));
    return replace
        .<Long>run(redis, keys(next), args.toArray(String[]::new))
        .thenApply(replaced -> replaced == 1L);
  }

  private CompletionStage<Optional<Call>> read(String key, boolean viaUser) {
    return find.<List<Object>>run(
            redis,
            new String[] {key, ended},
            Long.toString(clock.millis()),
            Long.toString(keepEnded.toMillis()),
            calls,
            viaUser ? "1" : "0")
        .thenApply(RedisCallRegistry::call);
  }

  private String[] keys(Call call) {
    return new String[] {
      calls + call.id().value(), live + call.caller().value(), live + call.callee().value(), ended
    };
  }

  /** ARGV[1..5] of place and replace: now, the keep, the calls' prefix, the id, live or not. */
  private List<String> common(Call call) {
    return List.of(
        Long.toString(clock.millis()),
        Long.toString(keepEnded.toMillis()),
        calls,
        call.id().value(),
        call.isLive() ? "1" : "0");
  }

  /** Every field of {@code call}, name and value in turn; an absent one as the empty string. */
  private static List<String> fields(Call call) {
    List<String> f = new ArrayList<>(32);
    add(f, "id", call.id().value());
    add(f, "chat", call.chatId().value());
    add(f, "type", call.type().wire());
    add(f, "caller", call.caller().value());
    add(f, "callee", call.callee().value());
    add(f, "callerDevice", call.callerDevice().value());
    add(f, "calleeDevice", call.calleeDevice().map(DeviceId::value).orElse(""));
    add(f, "state", call.state().name());
    add(f, "startedAt", call.startedAt().toString());
    add(f, "acceptedAt", call.acceptedAt().map(Instant::toString).orElse(""));
    add(f, "endedAt", call.endedAt().map(Instant::toString).orElse(""));
    add(f, "outcome", call.outcome().map(CallOutcome::wire).orElse(""));
    add(f, "endedBy", call.endedBy().map(UserId::value).orElse(""));
    add(f, "callerAway", call.awaySince(call.caller()).map(Instant::toString).orElse(""));
    add(f, "calleeAway", call.awaySince(call.callee()).map(Instant::toString).orElse(""));
    add(f, "version", Long.toString(call.version()));
    return f;
  }

  private static void add(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }

  /** The call HGETALL answered (name, value, ...), if any. */
  private static Optional<Call> call(List<Object> reply) {
    if (reply == null || reply.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> f = new HashMap<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      f.put(text(reply.get(i)), text(reply.get(i + 1)));
    }
    return Optional.of(
        Call.restore(
            CallId.of(f.get("id")),
            ChatId.of(f.get("chat")),
            CallType.fromWire(f.get("type")),
            UserId.of(f.get("caller")),
            UserId.of(f.get("callee")),
            DeviceId.of(f.get("callerDevice")),
            optional(f, "calleeDevice", DeviceId::of),
            CallState.valueOf(f.get("state")),
            Instant.parse(f.get("startedAt")),
            optional(f, "acceptedAt", Instant::parse),
            optional(f, "endedAt", Instant::parse),
            optional(f, "outcome", CallOutcome::fromWire),
            optional(f, "endedBy", UserId::of),
            optional(f, "callerAway", Instant::parse),
            optional(f, "calleeAway", Instant::parse),
            Long.parseLong(f.get("version"))));
  }

  private static <T> Optional<T> optional(
      Map<String, String> fields, String name, Function<String, T> parse) {
    String value = fields.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(parse.apply(value));
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes
        ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
        : String.valueOf(value);
  }
}
