package io.chat.application.contract;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.port.out.CallRegistry;
import io.chat.application.port.out.CallRegistry.Placed;
import io.chat.application.testing.Await;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Times;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallType;
import io.chat.domain.call.DeviceId;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallRegistry} promises, whether it lives in one process or is shared by several
 * nodes: a user is in at most one live call (placing is atomic), a change wins only over the
 * version it was made from (exactly one of many racing writers), an ended call frees its users and
 * is still found for {@link #keepsEnded()}, then forgotten.
 *
 * <p>Time comes only from the clock the registry is given: the suite moves it.
 */
public abstract class CallRegistryContract {
  private static final ChatId CHAT = ChatId.of("0123456789abcdef01234567");
  private final MutableClock clock = new MutableClock(Times.T0);
  private CallRegistry registry;

  /** A new, empty registry on {@code clock}. */
  protected abstract CallRegistry newRegistry(Clock clock);

  /** How long the registry keeps an ended call. */
  protected abstract Duration keepsEnded();

  @BeforeEach
  void createRegistry() {
    registry = newRegistry(clock);
  }

  private Call ringing(String id, UserId caller, UserId callee) {
    return Call.ring(
        CallId.of(id), CHAT, CallType.AUDIO, caller, DeviceId.of("d"), callee, clock.instant());
  }

  @Test
  void aUserIsInAtMostOneLiveCall() {
    assertThat(Await.done(registry.place(ringing("c-1", ALICE, BOB)))).isEqualTo(Placed.PLACED);

    assertThat(Await.done(registry.place(ringing("c-1", CAROL, DAVE)))).isEqualTo(Placed.ID_TAKEN);
    assertThat(Await.done(registry.place(ringing("c-2", ALICE, CAROL))))
        .isEqualTo(Placed.CALLER_BUSY);
    assertThat(Await.done(registry.place(ringing("c-3", CAROL, BOB))))
        .isEqualTo(Placed.CALLEE_BUSY);
    assertThat(Await.done(registry.liveCallOf(BOB))).map(Call::id).contains(CallId.of("c-1"));
    assertThat(Await.done(registry.liveCallOf(CAROL))).isEmpty();
  }

  @Test
  void aChangeWinsOnlyOverTheVersionItWasMadeFromAndAnEndFreesBothUsers() {
    Call call = ringing("c-1", ALICE, BOB);
    Await.done(registry.place(call));
    Call accepted = call.accept(BOB, DeviceId.of("b"), clock.instant());

    List<Boolean> swaps = Concurrently.call(8, i -> registry.replace(call.version(), accepted));

    assertThat(swaps).containsOnlyOnce(true);
    Call ended = accepted.hangUp(ALICE, clock.instant());
    assertThat(Await.done(registry.replace(call.version(), ended))).isFalse();
    assertThat(Await.done(registry.replace(accepted.version(), ended))).isTrue();
    assertThat(Await.done(registry.liveCallOf(ALICE))).isEmpty();
    assertThat(Await.done(registry.find(call.id()))).contains(ended);
    assertThat(Await.done(registry.place(ringing("c-2", BOB, ALICE)))).isEqualTo(Placed.PLACED);
  }

  @Test
  void twoCallsPlacedAtOnceToOneCalleeOneRingsAndTheOtherFindsThemBusy() {
    List<Placed> placed =
        Concurrently.call(2, i -> registry.place(ringing("c-" + i, i == 0 ? ALICE : CAROL, BOB)));

    assertThat(placed).containsExactlyInAnyOrder(Placed.PLACED, Placed.CALLEE_BUSY);
    Call winner = Await.done(registry.liveCallOf(BOB)).orElseThrow();
    assertThat(Await.done(registry.liveCallOf(winner.caller()))).contains(winner);
    UserId loser = winner.caller().equals(ALICE) ? CAROL : ALICE;
    assertThat(Await.done(registry.liveCallOf(loser))).isEmpty();
  }

  @Test
  void anEndRacingAnAcceptHasExactlyOneOutcome() {
    for (int round = 0; round < 20; round++) {
      CallRegistry fresh = newRegistry(clock);
      Call call = ringing("c-" + round, ALICE, BOB);
      Await.done(fresh.place(call));
      Call accepted = call.accept(BOB, DeviceId.of("b"), clock.instant());
      Call cancelled = call.hangUp(ALICE, clock.instant());

      List<Boolean> swaps =
          Concurrently.call(2, i -> fresh.replace(call.version(), i == 0 ? accepted : cancelled));

      assertThat(swaps).containsOnlyOnce(true);
      Call stored = Await.done(fresh.find(call.id())).orElseThrow();
      if (swaps.get(0)) {
        assertThat(stored).isEqualTo(accepted);
        assertThat(Await.done(fresh.liveCallOf(ALICE))).contains(accepted);
        assertThat(Await.done(fresh.liveCallOf(BOB))).contains(accepted);
      } else {
        assertThat(stored).isEqualTo(cancelled);
        assertThat(Await.done(fresh.liveCallOf(ALICE))).isEmpty();
        assertThat(Await.done(fresh.liveCallOf(BOB))).isEmpty();
      }
    }
  }

  @Test
  void anEndedCallIsFoundForAWhileThenForgottenWithoutAnotherCallPlaced() {
    Call call = ringing("c-1", ALICE, BOB);
    Await.done(registry.place(call));
    Await.done(registry.replace(call.version(), call.hangUp(ALICE, clock.instant())));
    Call busy =
        Call.busy(
            CallId.of("c-2"), CHAT, CallType.AUDIO, CAROL, DeviceId.of("d"), DAVE, clock.instant());
    assertThat(Await.done(registry.place(busy))).isEqualTo(Placed.PLACED);

    clock.advance(keepsEnded());
    assertThat(Await.done(registry.find(call.id()))).isPresent();
    assertThat(Await.done(registry.find(busy.id()))).isPresent();
    clock.advance(Duration.ofSeconds(1));

    assertThat(Await.done(registry.find(call.id()))).isEmpty();
    assertThat(Await.done(registry.find(busy.id()))).isEmpty();
    // Its id is free again.
    assertThat(Await.done(registry.place(ringing("c-1", ALICE, BOB)))).isEqualTo(Placed.PLACED);
  }
}
