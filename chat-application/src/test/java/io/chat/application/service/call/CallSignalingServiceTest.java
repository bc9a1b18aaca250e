package io.chat.application.service.call;

import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.ManualTimers;
import io.chat.adapter.inmemory.RecordingCallSignals;
import io.chat.adapter.inprocess.InProcessCallRegistry;
import io.chat.adapter.inprocess.InProcessSendRateLimit;
import io.chat.application.port.in.CallSignalingUseCase;
import io.chat.application.port.in.CallView;
import io.chat.application.port.in.CreateGroup;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.InviteCall;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.out.CallRegistry;
import io.chat.application.port.out.CallSignal;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.PushNotification;
import io.chat.application.service.ChatSettings;
import io.chat.application.testing.Await;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.InMemoryCore;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallEntry;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallState;
import io.chat.domain.call.CallType;
import io.chat.domain.call.DeviceId;
import io.chat.domain.chat.Chat;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.ErrorCode;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The call state machine as the service runs it, on the in-memory core with recorded signals and
 * timers moved by hand: who hears what, the call log, pushes, refusals, limits and races.
 */
class CallSignalingServiceTest {
  private static final DeviceId ALICE_1 = DeviceId.of("alice-1");
  private static final DeviceId ALICE_2 = DeviceId.of("alice-2");
  private static final DeviceId BOB_1 = DeviceId.of("bob-1");
  private static final DeviceId BOB_2 = DeviceId.of("bob-2");

  /** The core with calls on recorded signals and hand-moved timers. */
  private static final class World {
    final InMemoryCore core;
    final ManualTimers timers;
    final RecordingCallSignals signals = new RecordingCallSignals();
    final CallRegistry registry;
    final CallSignalingUseCase calls;

    World(ChatSettings settings) {
      this(settings, InProcessCallRegistry::new);
    }

    World(ChatSettings settings, Function<Clock, CallRegistry> registry) {
      core = new InMemoryCore(settings).withUsers(ALICE, BOB, CAROL, DAVE);
      timers = new ManualTimers(core.clock);
      this.registry = registry.apply(core.clock);
      calls =
          core.services
              .calls(
                  new CallPorts(
                      this.registry,
                      signals,
                      timers,
                      new InProcessSendRateLimit(10, 10 / 60.0, core.clock),
                      Optional.empty()),
                  CallSettings.defaults())
              .signaling();
    }

    void bobHasAPushDevice() {
      Await.done(
          core.services
              .registerPushToken()
              .registerPushToken(BOB, PushToken.of("ExponentPushToken[b]", "ios")));
    }
  }

  private final World world = new World(ChatSettings.defaults());
  private final InMemoryCore core = world.core;
  private final ManualTimers timers = world.timers;
  private final RecordingCallSignals signals = world.signals;
  private final CallSignalingUseCase calls = world.calls;

  private CallView invite(UserId caller, DeviceId device, UserId callee, String callId) {
    return Await.done(calls.invite(invite(caller, device, callee, Optional.of(callId))));
  }

  private static InviteCall invite(
      UserId caller, DeviceId device, UserId callee, Optional<String> callId) {
    return new InviteCall(
        caller,
        device,
        Optional.of(callee),
        Optional.empty(),
        CallType.AUDIO,
        callId.map(CallId::of));
  }

  private static ErrorCode refusal(CompletionStage<?> stage) {
    Throwable failure = Await.failure(stage);
    assertThat(failure).isInstanceOf(ChatException.class);
    return ((ChatException) failure).code();
  }

  private List<MessageView> history(UserId me, UserId other) {
    return Await.done(core.services.readHistory().readHistory(me, other, HistoryRange.latest(50)))
        .messages();
  }

  private static Optional<CallEntry> callOf(MessageView view) {
    return view.system().flatMap(e -> e.call());
  }

  private void bobHasAPushDevice() {
    world.bobHasAPushDevice();
  }

  @Test
  void anInviteRingsTheCalleesDevicesAndTellsTheCallersOthersAndARetryAnswersTheSameCall() {
    CallView call = invite(ALICE, ALICE_1, BOB, "c-1");

    assertThat(call.state()).isEqualTo(CallState.RINGING);
    assertThat(call.caller()).isEqualTo(ALICE);
    assertThat(call.callee()).isEqualTo(BOB);
    assertThat(signals.heardBy(BOB, BOB_1)).singleElement().isInstanceOf(CallSignal.Invite.class);
    assertThat(signals.heardBy(BOB, BOB_2)).singleElement().isInstanceOf(CallSignal.Invite.class);
    assertThat(signals.heardBy(ALICE, ALICE_2))
        .singleElement()
        .isInstanceOf(CallSignal.Ringing.class);
    assertThat(signals.heardBy(ALICE, ALICE_1)).isEmpty();

    signals.clear();
    CallView again = invite(ALICE, ALICE_1, BOB, "c-1");

    assertThat(again).isEqualTo(call);
    assertThat(signals.deliveries()).isEmpty();
    // Another caller's invite with that id is not told it is taken (that would reveal the call):
    // the server makes a fresh id for it, silently.
    CallView other = invite(CAROL, DeviceId.of("c"), DAVE, "c-1");
    assertThat(other.callId()).isNotEqualTo(CallId.of("c-1"));
    assertThat(other.caller()).isEqualTo(CAROL);
    assertThat(other.callee()).isEqualTo(DAVE);
    assertThat(other.state()).isEqualTo(CallState.RINGING);
    assertThat(signals.heardBy(DAVE, DeviceId.of("d")))
        .singleElement()
        .isEqualTo(
            new CallSignal.Invite(
                other.callId(), other.chatId(), CallType.AUDIO, CAROL, other.startedAt()));
    assertThat(invite(ALICE, ALICE_1, BOB, "c-1")).isEqualTo(call);
  }

  @Test
  void twoDevicesAcceptingAtOnceEndWithOneInTheCallAndTheOtherToldItWasAnsweredElsewhere() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    signals.clear();

    List<CallState> states =
        Concurrently.call(
            2,
            i ->
                calls
                    .accept(BOB, i == 0 ? BOB_1 : BOB_2, CallId.of("c-1"))
                    .thenApply(CallView::state));

    // The later accept takes the call over from the earlier one, as a device of Bob's may.
    assertThat(states).containsExactly(CallState.ACCEPTED, CallState.ACCEPTED);
    CallSignal elsewhere = new CallSignal.AnsweredElsewhere(CallId.of("c-1"));
    Await.done(calls.relay(ALICE, ALICE_1, CallId.of("c-1"), "call:offer", "{}"));
    DeviceId inCall =
        signals.deliveries().get(signals.deliveries().size() - 1).device().orElseThrow();
    DeviceId out = inCall.equals(BOB_1) ? BOB_2 : BOB_1;
    assertThat(signals.heardBy(BOB, out)).contains(elsewhere);
    assertThat(signals.heardBy(ALICE, ALICE_1))
        .startsWith(
            new CallSignal.Accepted(CallId.of("c-1"), BOB),
            new CallSignal.Accepted(CallId.of("c-1"), BOB));
    assertThat(signals.heardBy(ALICE, ALICE_2)).containsExactly(elsewhere);
  }

  @Test
  void eitherUserTakesTheCallOverFromAnotherOfTheirDevicesWithoutTheOldOneLeavingFirst() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));
    signals.clear();

    // Bob's phone reconnected as a new connection before the server heard the old one close.
    assertThat(Await.done(calls.accept(BOB, BOB_2, CallId.of("c-1"))).state())
        .isEqualTo(CallState.ACCEPTED);

    CallSignal elsewhere = new CallSignal.AnsweredElsewhere(CallId.of("c-1"));
    assertThat(signals.heardBy(BOB, BOB_1)).containsExactly(elsewhere);
    // The caller's device hears call:accept again, and offers to the new device.
    assertThat(signals.heardBy(ALICE, ALICE_1))
        .containsExactly(new CallSignal.Accepted(CallId.of("c-1"), BOB));
    assertThat(refusal(calls.relay(BOB, BOB_1, CallId.of("c-1"), "call:answer", "{}")))
        .isEqualTo(ErrorCode.CALL_STATE);
    signals.clear();

    // Now the caller: her new device makes the offer itself (its accept answers "accepted"); the
    // callee's device hears call:rejoined, to drop its old peer connection and wait for it.
    assertThat(Await.done(calls.accept(ALICE, ALICE_2, CallId.of("c-1"))).state())
        .isEqualTo(CallState.ACCEPTED);

    assertThat(signals.heardBy(ALICE, ALICE_1)).containsExactly(elsewhere);
    assertThat(signals.heardBy(BOB, BOB_2))
        .containsExactly(new CallSignal.Rejoined(CallId.of("c-1"), ALICE));
    signals.clear();
    Await.done(calls.relay(ALICE, ALICE_2, CallId.of("c-1"), "call:offer", "{\"offer\":\"o\"}"));
    assertThat(signals.heardBy(BOB, BOB_2))
        .containsExactly(
            new CallSignal.Relayed("call:offer", CallId.of("c-1"), ALICE, "{\"offer\":\"o\"}"));
    // The old devices leaving now changes nothing: no grace timer, no failure.
    Await.done(calls.deviceGone(ALICE, ALICE_1));
    Await.done(calls.deviceGone(BOB, BOB_1));
    assertThat(timers.pending()).isEqualTo(1); // the ring timer only
    timers.advance(Duration.ofMinutes(1));
    assertThat(signals.deliveries()).noneMatch(d -> d.signal() instanceof CallSignal.Ended);
  }

  @Test
  void signalsPassBetweenTheTwoDevicesOnlyAndOversizedOnesAreRefused() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_2, CallId.of("c-1")));
    signals.clear();

    Await.done(calls.relay(ALICE, ALICE_1, CallId.of("c-1"), "call:offer", "{\"offer\":\"sdp\"}"));

    assertThat(signals.deliveries())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.user()).isEqualTo(BOB);
              assertThat(d.device()).contains(BOB_2);
              assertThat(d.signal())
                  .isEqualTo(
                      new CallSignal.Relayed(
                          "call:offer", CallId.of("c-1"), ALICE, "{\"offer\":\"sdp\"}"));
            });
    signals.clear();
    String huge = "{\"offer\":\"" + "s".repeat(CallSettings.MAX_SIGNAL_BYTES) + "\"}";
    assertThat(refusal(calls.relay(ALICE, ALICE_1, CallId.of("c-1"), "call:offer", huge)))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(refusal(calls.relay(ALICE, ALICE_2, CallId.of("c-1"), "call:offer", "{}")))
        .isEqualTo(ErrorCode.CALL_STATE);
    assertThat(refusal(calls.relay(CAROL, DeviceId.of("c"), CallId.of("c-1"), "call:offer", "{}")))
        .isEqualTo(ErrorCode.CALL_NOT_FOUND);
    assertThat(refusal(calls.relay(ALICE, ALICE_1, CallId.of("c-1"), "call:join", "{}")))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(calls.relay(ALICE, ALICE_1, CallId.of("nope"), "call:offer", "{}")))
        .isEqualTo(ErrorCode.CALL_NOT_FOUND);
    assertThat(signals.deliveries()).isEmpty();
  }

  @Test
  void aCompletedCallIsLoggedOnceInTheChatAfterItsMessagesWithItsDuration() {
    core.send(ALICE, BOB, "call me?");
    invite(BOB, BOB_1, ALICE, "c-1");
    Await.done(calls.accept(ALICE, ALICE_1, CallId.of("c-1")));
    core.clock.advance(Duration.ofSeconds(125));

    CallView ended = Await.done(calls.hangUp(ALICE, CallId.of("c-1")));

    assertThat(ended.outcome()).contains(CallOutcome.COMPLETED);
    assertThat(ended.durationSeconds()).isEqualTo(125);
    List<MessageView> history = history(ALICE, BOB);
    assertThat(history).hasSize(2);
    MessageView entry = history.get(1);
    assertThat(entry.seq()).isEqualTo(2);
    assertThat(callOf(entry))
        .contains(
            new CallEntry(
                CallId.of("c-1"), CallType.AUDIO, CallOutcome.COMPLETED, 125, BOB, ALICE));
    // As any message of a chat of two: the caller heard message:sent, the callee message:new.
    assertThat(core.events.deliveries())
        .filteredOn(
            d -> d.event() instanceof ChatEvent.MessageNew m && callOf(m.message()).isPresent())
        .extracting(d -> d.user().orElseThrow())
        .containsExactly(ALICE);
    assertThat(core.events.deliveries())
        .filteredOn(
            d -> d.event() instanceof ChatEvent.MessageSent m && callOf(m.message()).isPresent())
        .extracting(d -> d.user().orElseThrow())
        .containsExactly(BOB);
    assertThat(signals.heardBy(BOB, BOB_2))
        .last()
        .isEqualTo(
            new CallSignal.Ended(CallId.of("c-1"), CallOutcome.COMPLETED, Optional.of(ALICE), 125));
    // A late hang-up is told the call ended; nothing is logged twice.
    assertThat(refusal(calls.hangUp(BOB, CallId.of("c-1")))).isEqualTo(ErrorCode.CALL_STATE);
    assertThat(history(ALICE, BOB)).hasSize(2);
  }

  @Test
  void aCallNobodyAnswersIsMissedAtTheRingTimeoutAndPushedToTheCallee() {
    bobHasAPushDevice();
    invite(ALICE, ALICE_1, BOB, "c-1");
    // Bob has no connected device: the invite itself is pushed, urgently.
    assertThat(core.push.sentTo(BOB))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.body()).isEqualTo("Incoming voice call");
              assertThat(p.urgent()).isTrue();
              assertThat(p.title()).isEqualTo("Name of alice");
            });
    core.push.clear();

    timers.advance(Duration.ofSeconds(44));
    assertThat(signals.heardBy(ALICE, ALICE_1)).isEmpty();
    timers.advance(Duration.ofSeconds(1));

    assertThat(signals.heardBy(ALICE, ALICE_1))
        .containsExactly(
            new CallSignal.Ended(CallId.of("c-1"), CallOutcome.MISSED, Optional.empty(), 0));
    assertThat(callOf(history(BOB, ALICE).get(0)).map(CallEntry::outcome))
        .contains(CallOutcome.MISSED);
    assertThat(core.push.sentTo(BOB))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.body()).isEqualTo("Missed voice call");
              assertThat(p.urgent()).isFalse();
            });
  }

  @Test
  void anOnlineCalleeGetsNoIncomingPushAndAMutedChatNoPushAtAll() {
    bobHasAPushDevice();
    Await.done(core.services.goOnline().goOnline(BOB));
    invite(ALICE, ALICE_1, BOB, "c-1");
    assertThat(core.push.sentTo(BOB)).isEmpty();
    Await.done(calls.hangUp(ALICE, CallId.of("c-1")));
    // Cancelled before he answered: a call he missed, pushed though he is online.
    assertThat(core.push.sentTo(BOB))
        .extracting(PushNotification::body)
        .containsExactly("Missed voice call");
    core.push.clear();

    Await.done(core.services.toggleMute().toggleMute(BOB, ALICE, Optional.empty()));
    invite(ALICE, ALICE_1, BOB, "c-2");
    timers.advance(Duration.ofSeconds(45));

    assertThat(core.push.sent()).isEmpty();
  }

  @Test
  void withThePrivacySettingCallPushesSayNoMore() {
    World quiet = new World(ChatSettings.defaults().withPushPrivacy(true));
    quiet.bobHasAPushDevice();

    Await.done(quiet.calls.invite(invite(ALICE, ALICE_1, BOB, Optional.of("c-1"))));
    quiet.timers.advance(Duration.ofSeconds(45));

    assertThat(quiet.core.push.sentTo(BOB))
        .extracting(PushNotification::body)
        .containsExactly("Incoming call", "Missed call");
  }

  @Test
  void aCallToSomeoneInACallEndsAsBusyAndACallerInACallIsRefused() {
    invite(ALICE, ALICE_1, BOB, "c-1");

    CallView busy = invite(CAROL, DeviceId.of("carol-1"), BOB, "c-2");

    assertThat(busy.state()).isEqualTo(CallState.ENDED);
    assertThat(busy.outcome()).contains(CallOutcome.BUSY);
    assertThat(callOf(history(CAROL, BOB).get(0)).map(CallEntry::outcome))
        .contains(CallOutcome.BUSY);
    assertThat(signals.heardBy(BOB, BOB_1)).hasSize(1);
    assertThat(refusal(calls.invite(invite(ALICE, ALICE_1, CAROL, Optional.of("c-3")))))
        .isEqualTo(ErrorCode.BUSY);
    // Once the first call ends, both are free again.
    Await.done(calls.reject(BOB, CallId.of("c-1")));
    assertThat(invite(ALICE, ALICE_1, CAROL, "c-4").state()).isEqualTo(CallState.RINGING);
  }

  @Test
  void aRejectedCallTellsTheCallersDevicesBeforeItEnds() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    signals.clear();

    Await.done(calls.reject(BOB, CallId.of("c-1")));

    assertThat(signals.heardBy(ALICE, ALICE_2))
        .containsExactly(
            new CallSignal.Rejected(CallId.of("c-1"), BOB),
            new CallSignal.Ended(CallId.of("c-1"), CallOutcome.REJECTED, Optional.of(BOB), 0));
    assertThat(refusal(calls.accept(BOB, BOB_1, CallId.of("c-1")))).isEqualTo(ErrorCode.CALL_STATE);
  }

  @Test
  void aSideThatDisconnectsFailsTheCallAfterTheGraceUnlessItComesBack() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));
    Await.done(calls.deviceGone(BOB, BOB_2)); // not the device in the call
    Await.done(calls.deviceGone(BOB, BOB_1));
    timers.advance(Duration.ofSeconds(5));
    signals.clear();

    Await.done(calls.accept(BOB, BOB_2, CallId.of("c-1")));
    assertThat(signals.heardBy(ALICE, ALICE_1))
        .containsExactly(new CallSignal.Accepted(CallId.of("c-1"), BOB));
    timers.advance(Duration.ofSeconds(30));
    assertThat(signals.deliveries()).noneMatch(d -> d.signal() instanceof CallSignal.Ended);

    Await.done(calls.deviceGone(ALICE, ALICE_1));
    timers.advance(Duration.ofSeconds(9));
    assertThat(signals.deliveries()).noneMatch(d -> d.signal() instanceof CallSignal.Ended);
    timers.advance(Duration.ofSeconds(1));

    assertThat(signals.heardBy(BOB, BOB_2))
        .last()
        .isEqualTo(new CallSignal.Ended(CallId.of("c-1"), CallOutcome.FAILED, Optional.empty(), 0));
    assertThat(callOf(history(ALICE, BOB).get(0)).map(CallEntry::outcome))
        .contains(CallOutcome.FAILED);
  }

  @Test
  void aSideWhoseDeviceWentWithItsNodeFailsTheCallAfterTheGraceTimedHere() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));
    signals.clear();

    Await.done(calls.devicesGone(ALICE, device -> device.equals(ALICE_1)));
    timers.advance(Duration.ofSeconds(9));
    assertThat(signals.deliveries()).noneMatch(d -> d.signal() instanceof CallSignal.Ended);
    timers.advance(Duration.ofSeconds(1));

    assertThat(signals.heardBy(BOB, BOB_1))
        .containsExactly(
            new CallSignal.Ended(CallId.of("c-1"), CallOutcome.FAILED, Optional.empty(), 0));
    assertThat(callOf(history(BOB, ALICE).get(0)).map(CallEntry::outcome))
        .contains(CallOutcome.FAILED);
  }

  @Test
  void devicesGoneThatAreNotInTheCallChangeNothing() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));
    signals.clear();
    int ringTimer = timers.pending();

    Await.done(calls.devicesGone(BOB, device -> device.equals(BOB_2)));
    Await.done(calls.devicesGone(ALICE, device -> device.equals(ALICE_2)));
    Await.done(calls.devicesGone(CAROL, device -> true));

    assertThat(timers.pending()).as("no grace timer").isEqualTo(ringTimer);
    timers.advance(Duration.ofMinutes(1));
    assertThat(signals.deliveries()).isEmpty();
    Call call = Await.done(world.registry.find(CallId.of("c-1"))).orElseThrow();
    assertThat(call.state()).isEqualTo(CallState.ACCEPTED);
    assertThat(call.awaySince(ALICE)).isEmpty();
    assertThat(call.awaySince(BOB)).isEmpty();
  }

  @Test
  void aSideWhoseNodeDiedComesBackOnAnotherDeviceWithinTheGraceAndTheCallGoesOn() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));

    Await.done(calls.devicesGone(BOB, device -> device.equals(BOB_1)));
    timers.advance(Duration.ofSeconds(5));
    signals.clear();
    Await.done(calls.accept(BOB, BOB_2, CallId.of("c-1")));
    timers.advance(Duration.ofSeconds(30));

    assertThat(signals.heardBy(ALICE, ALICE_1))
        .containsExactly(new CallSignal.Accepted(CallId.of("c-1"), BOB));
    assertThat(signals.deliveries()).noneMatch(d -> d.signal() instanceof CallSignal.Ended);
    assertThat(Await.done(world.registry.find(CallId.of("c-1"))).orElseThrow().state())
        .isEqualTo(CallState.ACCEPTED);
  }

  @Test
  void aSideAlreadyAwayWhenItsNodeDiedIsTimedAgainHere() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));
    // Bob's socket closed on another node, whose grace timer died with it.
    CallSignalingUseCase deadNode =
        core.services
            .calls(
                new CallPorts(
                    world.registry,
                    signals,
                    delay -> new CompletableFuture<>(),
                    new InProcessSendRateLimit(10, 10 / 60.0, core.clock),
                    Optional.empty()),
                CallSettings.defaults())
            .signaling();
    Await.done(deadNode.deviceGone(BOB, BOB_1));
    timers.advance(Duration.ofSeconds(4));
    signals.clear();

    Await.done(calls.devicesGone(BOB, device -> device.equals(BOB_1)));
    timers.advance(Duration.ofSeconds(10));

    assertThat(signals.heardBy(ALICE, ALICE_1))
        .containsExactly(
            new CallSignal.Ended(CallId.of("c-1"), CallOutcome.FAILED, Optional.empty(), 0));
  }

  @Test
  void callsAreOnlyBetweenTwoUsersWhoMayTalk() {
    Await.done(core.services.blockUser().block(CAROL, BOB));
    assertThat(refusal(calls.invite(invite(BOB, BOB_1, CAROL, Optional.empty()))))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(calls.invite(invite(CAROL, DeviceId.of("c"), BOB, Optional.empty()))))
        .isEqualTo(ErrorCode.BLOCKED);
    assertThat(refusal(calls.invite(invite(ALICE, ALICE_1, UserId.of("nobody"), Optional.empty()))))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refusal(calls.invite(invite(ALICE, ALICE_1, ALICE, Optional.empty()))))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(calls.invite(invite(ALICE, ALICE_1, core.system(), Optional.empty()))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    ChatId group =
        Await.done(
                core.services
                    .groups()
                    .create(
                        new CreateGroup(
                            ALICE,
                            "Trip",
                            Optional.empty(),
                            Optional.empty(),
                            List.of(BOB),
                            false)))
            .id();
    assertThat(
            refusal(
                calls.invite(
                    new InviteCall(
                        ALICE,
                        ALICE_1,
                        Optional.empty(),
                        Optional.of(group),
                        CallType.VIDEO,
                        Optional.empty()))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    ChatId pair = core.send(ALICE, BOB, "hi").chatId();
    assertThat(
            refusal(
                calls.invite(
                    new InviteCall(
                        CAROL,
                        DeviceId.of("c"),
                        Optional.empty(),
                        Optional.of(pair),
                        CallType.VIDEO,
                        Optional.empty()))))
        .isEqualTo(ErrorCode.NOT_FOUND);
    CallView byChat =
        Await.done(
            calls.invite(
                new InviteCall(
                    ALICE,
                    ALICE_1,
                    Optional.empty(),
                    Optional.of(pair),
                    CallType.VIDEO,
                    Optional.empty())));
    assertThat(byChat.callee()).isEqualTo(BOB);
    assertThat(byChat.chatId()).isEqualTo(pair);
  }

  @Test
  void aUserPlacesAtMostTheLimitOfCallsAMinute() {
    for (int i = 0; i < 10; i++) {
      String id = "c-" + i;
      invite(ALICE, ALICE_1, BOB, id);
      Await.done(calls.hangUp(ALICE, CallId.of(id)));
    }

    assertThat(refusal(calls.invite(invite(ALICE, ALICE_1, BOB, Optional.of("c-10")))))
        .isEqualTo(ErrorCode.RATE_LIMITED);
    core.clock.advance(Duration.ofSeconds(6));
    assertThat(invite(ALICE, ALICE_1, BOB, "c-10").state()).isEqualTo(CallState.RINGING);
  }

  @Test
  void aRingTimerFiringAfterTheCallEndedChangesNothingAndLogsNothingTwice() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.hangUp(ALICE, CallId.of("c-1")));
    invite(ALICE, ALICE_1, BOB, "c-2");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-2")));
    Await.done(calls.hangUp(BOB, CallId.of("c-2")));
    signals.clear();
    int events = core.events.deliveries().size();

    timers.advance(Duration.ofSeconds(45));

    assertThat(signals.deliveries()).isEmpty();
    assertThat(core.events.deliveries()).hasSize(events);
    assertThat(history(ALICE, BOB))
        .extracting(m -> callOf(m).orElseThrow().outcome())
        .containsExactly(CallOutcome.CANCELLED, CallOutcome.COMPLETED);
  }

  @Test
  void aCallTheCalleeTookOrRejectedIsNoNewsToThemButItNeverMarksOtherMessagesRead() {
    ChatId chat = invite(ALICE, ALICE_1, BOB, "c-1").chatId();
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));
    Await.done(calls.hangUp(ALICE, CallId.of("c-1")));

    assertThat(unreadOf(BOB, chat)).isZero();
    // Alice sees the entry read, as any message Bob read.
    assertThat(core.events.receivedBy(ALICE, ChatEvent.Seen.class)).isNotEmpty();

    core.send(ALICE, BOB, "did you hear me?");
    invite(ALICE, ALICE_1, BOB, "c-2");
    Await.done(calls.reject(BOB, CallId.of("c-2")));
    // His unread message stays unread: the rejected call counts beside it.
    assertThat(unreadOf(BOB, chat)).isEqualTo(2);

    Await.done(core.services.markAllSeen().markAllSeen(BOB, ALICE));
    invite(ALICE, ALICE_1, BOB, "c-3");
    timers.advance(Duration.ofSeconds(45));
    // A call he missed is news.
    assertThat(unreadOf(BOB, chat)).isEqualTo(1);
    // Nor does Alice's own entry ever count for her.
    assertThat(unreadOf(ALICE, chat)).isZero();
  }

  private long unreadOf(UserId user, ChatId chat) {
    return Await.done(core.chats.findById(chat)).orElseThrow().unreadFor(user);
  }

  @Test
  void aSecondEndOfACallWhoseEntryIsStoredRecordsNothingMovesNoSeqAndNoUnreadCount() {
    ChatId chat = core.send(ALICE, BOB, "hi").chatId();
    invite(ALICE, ALICE_1, BOB, "c-1");
    // The entry of this call is stored already: a first write that landed though it answered a
    // failure (and was retried), or another node's.
    Chat before = Await.done(core.chats.findById(chat)).orElseThrow();
    CallEntry entry =
        new CallEntry(CallId.of("c-1"), CallType.AUDIO, CallOutcome.CANCELLED, 0, ALICE, BOB);
    Await.done(
        core.messages.record(
            core.chats,
            before,
            new NewMessage(
                core.ports.ids().newMessageId(),
                ALICE,
                MessageText.NONE,
                core.clock.instant(),
                Optional.of(ClientMessageId.of("call:c-1")),
                Optional.of(SystemEvent.call(entry)),
                List.of()),
            Optional.empty()));
    Chat stored = Await.done(core.chats.findById(chat)).orElseThrow();
    int events = core.events.deliveries().size();

    Await.done(calls.hangUp(ALICE, CallId.of("c-1")));

    Chat after = Await.done(core.chats.findById(chat)).orElseThrow();
    assertThat(after.lastSeq()).isEqualTo(stored.lastSeq());
    assertThat(after.unreadFor(BOB)).isEqualTo(stored.unreadFor(BOB));
    assertThat(history(BOB, ALICE)).extracting(MessageView::seq).containsExactly(1L, 2L);
    assertThat(core.events.deliveries()).hasSize(events);
  }

  @Test
  void aHangUpWhileTheStoreIsDownIsAnsweredAndItsEntryIsWrittenOnceTheStoreIsBack() {
    invite(ALICE, ALICE_1, BOB, "c-1");
    Await.done(calls.accept(BOB, BOB_1, CallId.of("c-1")));
    core.health.goDown();

    CallView ended = Await.done(calls.hangUp(ALICE, CallId.of("c-1")));

    assertThat(ended.outcome()).contains(CallOutcome.COMPLETED);
    assertThat(signals.heardBy(BOB, BOB_1))
        .last()
        .isEqualTo(
            new CallSignal.Ended(CallId.of("c-1"), CallOutcome.COMPLETED, Optional.of(ALICE), 0));
    timers.advance(Duration.ofSeconds(1)); // the first retry, still down
    core.health.comeBack();
    timers.advance(Duration.ofSeconds(5));

    assertThat(history(ALICE, BOB))
        .singleElement()
        .satisfies(
            m -> assertThat(callOf(m).map(CallEntry::outcome)).contains(CallOutcome.COMPLETED));
    assertThat(core.events.deliveries())
        .filteredOn(
            d -> d.event() instanceof ChatEvent.MessageNew m && callOf(m.message()).isPresent())
        .hasSize(1);
    // Later retries find nothing left to do.
    timers.advance(Duration.ofMinutes(1));
    assertThat(history(ALICE, BOB)).hasSize(1);
  }

  @Test
  void aRingTimerThatLosesManyRacesStillEndsTheCall() {
    AtomicInteger losses = new AtomicInteger();
    World contended =
        new World(
            ChatSettings.defaults(),
            clock -> new LosingRaces(new InProcessCallRegistry(clock), losses));
    Await.done(contended.calls.invite(invite(ALICE, ALICE_1, BOB, Optional.of("c-1"))));

    losses.set(20);
    contended.timers.advance(Duration.ofSeconds(45));

    assertThat(losses.get()).isZero();
    assertThat(contended.signals.heardBy(ALICE, ALICE_1))
        .containsExactly(
            new CallSignal.Ended(CallId.of("c-1"), CallOutcome.MISSED, Optional.empty(), 0));
    assertThat(
            Await.done(
                    contended
                        .core
                        .services
                        .readHistory()
                        .readHistory(BOB, ALICE, HistoryRange.latest(50)))
                .messages())
        .singleElement()
        .satisfies(m -> assertThat(callOf(m).map(CallEntry::outcome)).contains(CallOutcome.MISSED));
  }

  /** A registry whose next {@code losses} swaps lose, as if other writers kept winning. */
  private static final class LosingRaces implements CallRegistry {
    private final CallRegistry registry;
    private final AtomicInteger losses;

    LosingRaces(CallRegistry registry, AtomicInteger losses) {
      this.registry = registry;
      this.losses = losses;
    }

    @Override
    public CompletionStage<Placed> place(Call call) {
      return registry.place(call);
    }

    @Override
    public CompletionStage<Optional<Call>> find(CallId id) {
      return registry.find(id);
    }

    @Override
    public CompletionStage<Optional<Call>> liveCallOf(UserId user) {
      return registry.liveCallOf(user);
    }

    @Override
    public CompletionStage<Boolean> replace(long expectedVersion, Call next) {
      if (losses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return CompletableFuture.completedFuture(false);
      }
      return registry.replace(expectedVersion, next);
    }
  }
}
