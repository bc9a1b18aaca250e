package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.contract.CallRegistryContract;
import io.chat.application.port.out.CallRegistry;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallType;
import io.chat.domain.call.DeviceId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link CallRegistry} contract on a real Redis, each test with keys of its own; and a call
 * with every field set comes back from Redis as it went in, read through another connection.
 */
class RedisCallRegistryContractTest extends CallRegistryContract {
  @RegisterExtension static final TwoRedisNodes NODES = new TwoRedisNodes();

  @Override
  protected CallRegistry newRegistry(Clock clock) {
    return new RedisCallRegistry(
        NODES.a().commands(), NODES.freshPrefix(), clock, RedisCallRegistry.KEEP_ENDED);
  }

  @Override
  protected Duration keepsEnded() {
    return RedisCallRegistry.KEEP_ENDED;
  }

  @Test
  void aCallWithEveryFieldSetComesBackAsItWentThroughAnotherNode() {
    String prefix = NODES.freshPrefix();
    Clock clock = Clock.systemUTC();
    RedisCallRegistry here =
        new RedisCallRegistry(NODES.a().commands(), prefix, clock, RedisCallRegistry.KEEP_ENDED);
    RedisCallRegistry there =
        new RedisCallRegistry(NODES.b().commands(), prefix, clock, RedisCallRegistry.KEEP_ENDED);
    Instant t0 = Instant.parse("2026-12-07T10:00:00.123456789Z");
    UserId alice = UserId.of("alice");
    UserId bob = UserId.of("bob");
    Call ringing =
        Call.ring(
            CallId.of("call-1"),
            ChatId.of("0123456789abcdef01234567"),
            CallType.VIDEO,
            alice,
            DeviceId.of("c1.p"),
            bob,
            t0);
    assertThat(done(here.place(ringing))).isEqualTo(CallRegistry.Placed.PLACED);
    Call accepted = ringing.accept(bob, DeviceId.of("c7.q"), t0.plusSeconds(3));
    assertThat(done(there.replace(ringing.version(), accepted))).isTrue();
    Call away = accepted.deviceGone(alice, DeviceId.of("c1.p"), t0.plusSeconds(60));

    assertThat(done(here.replace(accepted.version(), away))).isTrue();
    assertThat(done(there.liveCallOf(bob)).orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(away);

    Call ended = away.failIfAway(Duration.ofSeconds(10), t0.plusSeconds(70));
    assertThat(ended.outcome()).contains(CallOutcome.FAILED);
    assertThat(done(there.replace(away.version(), ended))).isTrue();
    assertThat(done(here.find(ringing.id())).orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(ended);
    assertThat(done(here.liveCallOf(alice))).isEmpty();
    assertThat(done(here.liveCallOf(bob))).isEmpty();
  }
}
