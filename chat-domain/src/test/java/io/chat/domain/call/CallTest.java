package io.chat.domain.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.domain.group.SystemEvent;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final UserId ALICE = UserId.of("alice");
  private static final UserId BOB = UserId.of("bob");
  private static final UserId CAROL = UserId.of("carol");
  private static final DeviceId ALICE_PHONE = DeviceId.of("a1");
  private static final DeviceId ALICE_LAPTOP = DeviceId.of("a2");
  private static final DeviceId BOB_PHONE = DeviceId.of("b1");
  private static final DeviceId BOB_LAPTOP = DeviceId.of("b2");
  private static final ChatId CHAT = ChatId.of("0123456789abcdef01234567");

  private static Call ringing() {
    return Call.ring(CallId.of("c-1"), CHAT, CallType.VIDEO, ALICE, ALICE_PHONE, BOB, T0);
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void aNewCallRingsWithTheCallersDeviceAndNoCalleeDevice() {
    Call call = ringing();

    assertThat(call.state()).isEqualTo(CallState.RINGING);
    assertThat(call.isLive()).isTrue();
    assertThat(call.deviceOf(ALICE)).contains(ALICE_PHONE);
    assertThat(call.deviceOf(BOB)).isEmpty();
    assertThat(call.otherThan(ALICE)).isEqualTo(BOB);
  }

  @Test
  void theCalleeAcceptsOnOneDeviceAndTheCallLastsFromThen() {
    Call accepted = ringing().accept(BOB, BOB_LAPTOP, at(5));

    assertThat(accepted.state()).isEqualTo(CallState.ACCEPTED);
    assertThat(accepted.deviceOf(BOB)).contains(BOB_LAPTOP);
    assertThat(accepted.version()).isGreaterThan(ringing().version());
    Call ended = accepted.hangUp(BOB, at(95));
    assertThat(ended.outcome()).contains(CallOutcome.COMPLETED);
    assertThat(ended.endedBy()).contains(BOB);
    assertThat(ended.durationSeconds()).isEqualTo(90);
    assertThat(ended.entry())
        .isEqualTo(
            new CallEntry(CallId.of("c-1"), CallType.VIDEO, CallOutcome.COMPLETED, 90, ALICE, BOB));
  }

  @Test
  void onlyTheCalleeAcceptsARingingCall() {
    assertThatThrownBy(() -> ringing().accept(ALICE, ALICE_LAPTOP, at(1)))
        .isInstanceOf(CallStateException.class)
        .extracting(e -> ((CallStateException) e).code())
        .isEqualTo(ErrorCode.CALL_STATE);
  }

  @Test
  void anotherDeviceOfTheSameUserTakesTheirSideOverEvenBeforeTheOldOneIsSeenToLeave() {
    Call accepted = ringing().accept(BOB, BOB_PHONE, at(1));

    assertThat(accepted.accept(BOB, BOB_PHONE, at(2))).isSameAs(accepted);
    Call moved = accepted.accept(BOB, BOB_LAPTOP, at(2));
    assertThat(moved.deviceOf(BOB)).contains(BOB_LAPTOP);
    assertThat(moved.version()).isGreaterThan(accepted.version());
    assertThat(moved.relayTarget(ALICE, ALICE_PHONE).device()).isEqualTo(BOB_LAPTOP);
    assertThatThrownBy(() -> moved.relayTarget(BOB, BOB_PHONE))
        .isInstanceOf(CallStateException.class);
    // The old device leaving now changes nothing: it is out of the call.
    assertThat(moved.deviceGone(BOB, BOB_PHONE, at(3))).isSameAs(moved);
    // The caller too, from another of their devices.
    Call callerMoved = moved.accept(ALICE, ALICE_LAPTOP, at(4));
    assertThat(callerMoved.deviceOf(ALICE)).contains(ALICE_LAPTOP);
    assertThat(callerMoved.relayTarget(BOB, BOB_LAPTOP).device()).isEqualTo(ALICE_LAPTOP);
    // Somebody else's device never takes a side.
    assertThatThrownBy(() -> moved.accept(CAROL, DeviceId.of("c1"), at(5)))
        .isInstanceOf(CallNotFoundException.class);
  }

  @Test
  void someoneElsesCallDoesNotExistForThem() {
    Call call = ringing();

    assertThatThrownBy(() -> call.accept(CAROL, DeviceId.of("c1"), at(1)))
        .isInstanceOf(CallNotFoundException.class);
    assertThatThrownBy(() -> call.hangUp(CAROL, at(1))).isInstanceOf(CallNotFoundException.class);
    assertThatThrownBy(() -> call.relayTarget(CAROL, DeviceId.of("c1")))
        .isInstanceOf(CallNotFoundException.class);
  }

  @Test
  void endingARingingCallCancelsItForTheCallerAndRejectsItForTheCallee() {
    assertThat(ringing().hangUp(ALICE, at(3)).outcome()).contains(CallOutcome.CANCELLED);
    assertThat(ringing().hangUp(BOB, at(3)).outcome()).contains(CallOutcome.REJECTED);
    assertThat(ringing().reject(BOB, at(3)).outcome()).contains(CallOutcome.REJECTED);
    assertThat(ringing().reject(BOB, at(3)).durationSeconds()).isZero();
  }

  @Test
  void onlyTheCalleeRejectsAndOnlyWhileItRings() {
    assertThatThrownBy(() -> ringing().reject(ALICE, at(1))).isInstanceOf(CallStateException.class);
    Call accepted = ringing().accept(BOB, BOB_PHONE, at(1));
    assertThatThrownBy(() -> accepted.reject(BOB, at(2))).isInstanceOf(CallStateException.class);
  }

  @Test
  void anEndedCallTakesNoFurtherAction() {
    Call ended = ringing().hangUp(ALICE, at(1));

    assertThat(ended.isLive()).isFalse();
    assertThatThrownBy(() -> ended.accept(BOB, BOB_PHONE, at(2)))
        .isInstanceOf(CallStateException.class);
    assertThatThrownBy(() -> ended.hangUp(BOB, at(2))).isInstanceOf(CallStateException.class);
    assertThatThrownBy(() -> ended.relayTarget(ALICE, ALICE_PHONE))
        .isInstanceOf(CallStateException.class);
  }

  @Test
  void aCallStillRingingWhenTheTimeoutComesIsMissedAndAnyOtherStaysAsItIs() {
    assertThat(ringing().ringOut(at(45)).outcome()).contains(CallOutcome.MISSED);
    assertThat(ringing().ringOut(at(45)).endedBy()).isEmpty();
    Call accepted = ringing().accept(BOB, BOB_PHONE, at(3));
    assertThat(accepted.ringOut(at(45))).isSameAs(accepted);
  }

  @Test
  void aCallToABusyCalleeEndsAtOnceAsBusy() {
    Call busy = Call.busy(CallId.of("c-2"), CHAT, CallType.AUDIO, ALICE, ALICE_PHONE, BOB, T0);

    assertThat(busy.isLive()).isFalse();
    assertThat(busy.outcome()).contains(CallOutcome.BUSY);
    assertThat(busy.entry().outcome().missedByCallee()).isTrue();
  }

  @Test
  void signalsPassOnlyWhileAcceptedAndOnlyBetweenTheTwoDevices() {
    assertThatThrownBy(() -> ringing().relayTarget(ALICE, ALICE_PHONE))
        .isInstanceOf(CallStateException.class)
        .hasMessageContaining("not accepted");
    Call accepted = ringing().accept(BOB, BOB_LAPTOP, at(1));

    assertThat(accepted.relayTarget(ALICE, ALICE_PHONE)).isEqualTo(new Call.Peer(BOB, BOB_LAPTOP));
    assertThat(accepted.relayTarget(BOB, BOB_LAPTOP)).isEqualTo(new Call.Peer(ALICE, ALICE_PHONE));
    assertThatThrownBy(() -> accepted.relayTarget(ALICE, ALICE_LAPTOP))
        .isInstanceOf(CallStateException.class);
    assertThatThrownBy(() -> accepted.relayTarget(BOB, BOB_PHONE))
        .isInstanceOf(CallStateException.class);
  }

  @Test
  void aSideAwayLongerThanTheGraceFailsTheCall() {
    Duration grace = Duration.ofSeconds(10);
    Call accepted = ringing().accept(BOB, BOB_PHONE, at(1));
    Call away = accepted.deviceGone(ALICE, ALICE_PHONE, at(20));

    assertThat(away.awaySince(ALICE)).contains(at(20));
    assertThat(away.failIfAway(grace, at(29))).isSameAs(away);
    Call failed = away.failIfAway(grace, at(30));
    assertThat(failed.outcome()).contains(CallOutcome.FAILED);
    // Completed calls have a duration; a failed one has none.
    assertThat(failed.durationSeconds()).isZero();
  }

  @Test
  void aUserComesBackByAcceptingAgainFromANewDevice() {
    Call accepted = ringing().accept(BOB, BOB_PHONE, at(1));
    Call away = accepted.deviceGone(BOB, BOB_PHONE, at(10));

    Call back = away.accept(BOB, BOB_LAPTOP, at(12));

    assertThat(back.deviceOf(BOB)).contains(BOB_LAPTOP);
    assertThat(back.awaySince(BOB)).isEmpty();
    assertThat(back.failIfAway(Duration.ofSeconds(10), at(40))).isSameAs(back);
    assertThat(back.relayTarget(ALICE, ALICE_PHONE).device()).isEqualTo(BOB_LAPTOP);
    // The caller comes back the same way.
    Call callerBack =
        back.deviceGone(ALICE, ALICE_PHONE, at(50)).accept(ALICE, ALICE_LAPTOP, at(51));
    assertThat(callerBack.deviceOf(ALICE)).contains(ALICE_LAPTOP);
  }

  @Test
  void aDeviceThatIsNotInTheCallGoingAwayChangesNothing() {
    Call accepted = ringing().accept(BOB, BOB_PHONE, at(1));

    assertThat(accepted.deviceGone(BOB, BOB_LAPTOP, at(2))).isSameAs(accepted);
    assertThat(accepted.deviceGone(ALICE, ALICE_LAPTOP, at(2))).isSameAs(accepted);
    assertThat(accepted.deviceGone(CAROL, DeviceId.of("c1"), at(2))).isSameAs(accepted);
    // The callee has no device in a ringing call: nothing of theirs goes away.
    Call ringing = ringing();
    assertThat(ringing.deviceGone(BOB, BOB_PHONE, at(2))).isSameAs(ringing);
  }

  @Test
  void callIdsAreShortAndPlain() {
    assertThat(CallId.of("a_B-9").value()).isEqualTo("a_B-9");
    assertThatThrownBy(() -> CallId.of("")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CallId.of("x".repeat(65)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CallId.of("a b")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CallId.of("../x")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> CallType.fromWire("hologram"))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void onlyACompletedCallEntryHasADuration() {
    assertThatThrownBy(
            () -> new CallEntry(CallId.of("x"), CallType.AUDIO, CallOutcome.MISSED, 3, ALICE, BOB))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCallIsLoggedAsASystemEntryOfItsOwnKindToldByItsCaller() {
    CallEntry entry =
        new CallEntry(CallId.of("c-1"), CallType.AUDIO, CallOutcome.MISSED, 0, ALICE, BOB);

    SystemEvent logged = SystemEvent.call(entry);

    assertThat(logged.type()).isEqualTo(SystemEvent.Type.CALL);
    assertThat(logged.type().wire()).isEqualTo("call");
    assertThat(logged.actor()).isEqualTo(ALICE);
    assertThat(logged.subjects()).containsExactly(BOB);
    assertThat(logged.call()).contains(entry);
    assertThat(SystemEvent.added(ALICE, List.of(BOB)).call()).isEmpty();
    assertThatThrownBy(
            () ->
                new SystemEvent(
                    SystemEvent.Type.CALL,
                    ALICE,
                    List.of(BOB),
                    Optional.empty(),
                    Optional.empty(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
