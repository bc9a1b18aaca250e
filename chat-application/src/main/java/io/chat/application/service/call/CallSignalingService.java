package io.chat.application.service.call;

import io.chat.application.port.in.CallSignalingUseCase;
import io.chat.application.port.in.CallView;
import io.chat.application.port.in.InviteCall;
import io.chat.application.port.in.RateLimitedException;
import io.chat.application.port.out.CallRegistry;
import io.chat.application.port.out.CallSignal;
import io.chat.application.port.out.CallSignals;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.SendRateLimit;
import io.chat.application.port.out.Timers;
import io.chat.application.service.conversation.Conversations;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.presence.Partners;
import io.chat.application.service.push.Pushes;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.call.BusyException;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallNotFoundException;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallState;
import io.chat.domain.call.CallStateException;
import io.chat.domain.call.DeviceId;
import io.chat.domain.call.NotCallableException;
import io.chat.domain.call.SignalTooLargeException;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.Failures;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Calls as the server keeps them: checks who may call whom, moves each call through its states with
 * compare-and-set in the {@link CallRegistry} (a lost race reads the call again and decides anew),
 * tells the devices concerned, passes signaling between the two devices in a call, ends calls that
 * ring out or whose side does not come back (by {@link Timers}), and logs every ended call in its
 * chat.
 */
public final class CallSignalingService implements CallSignalingUseCase {
  /** The signals passed between the two devices of an accepted call, and no other. */
  public static final Set<String> RELAYED =
      Set.of(
          "call:offer",
          "call:answer",
          "call:ice-candidate",
          "call:mute",
          "call:video",
          "call:camera-switch");

  private static final int MAX_RACES = 8;
  private static final System.Logger LOG = System.getLogger(CallSignalingService.class.getName());

  private final CallRegistry registry;
  private final CallSignals signals;
  private final Timers timers;
  private final SendRateLimit invites;
  private final Conversations conversations;
  private final ChatRepository chats;
  private final Partners partners;
  private final Broadcasts broadcasts;
  private final Pushes pushes;
  private final CallLog log;
  private final IdGenerator ids;
  private final SupportDesk desk;
  private final CallSettings settings;
  private final Clock clock;

  @Inject
  public CallSignalingService(
      CallRegistry registry,
      CallSignals signals,
      Timers timers,
      SendRateLimit invites,
      Conversations conversations,
      ChatRepository chats,
      Partners partners,
      Broadcasts broadcasts,
      Pushes pushes,
      CallLog log,
      IdGenerator ids,
      ServiceSettings serviceSettings,
      CallSettings settings,
      Clock clock) {
    this.registry = registry;
    this.signals = signals;
    this.timers = timers;
    this.invites = invites;
    this.conversations = conversations;
    this.chats = chats;
    this.partners = partners;
    this.broadcasts = broadcasts;
    this.pushes = pushes;
    this.log = log;
    this.ids = ids;
    this.desk = serviceSettings.desk();
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public CompletionStage<CallView> invite(InviteCall invite) {
    return Stages.defer(
        () ->
            withId(invite)
                .thenCompose(
                    found -> {
                      if (found.isPresent() && found.get().caller().equals(invite.caller())) {
                        // A retry of the caller's own invite: the same call.
                        return Stages.done(CallView.of(found.get()));
                      }
                      // An id of another caller's call is not revealed: the server makes a
                      // fresh one instead, silently.
                      InviteCall fresh = found.isPresent() ? invite.withServerId() : invite;
                      return admitted(fresh.caller())
                          .thenCompose(ok -> chatOf(fresh))
                          .thenCompose(chat -> place(fresh, chat));
                    }));
  }

  /** The call with the invite's own id, whoever's it is, if the client chose one. */
  private CompletionStage<Optional<Call>> withId(InviteCall invite) {
    return invite.callId().isEmpty()
        ? Stages.done(Optional.empty())
        : registry.find(invite.callId().get());
  }

  private CompletionStage<Void> admitted(UserId caller) {
    return invites
        .acquire(caller)
        .thenAccept(
            wait ->
                wait.ifPresent(
                    w -> {
                      throw new RateLimitedException(w, "Too many calls, wait a moment");
                    }));
  }

  /** The chat of two the invite names, once the caller may call its other user. */
  private CompletionStage<Chat> chatOf(InviteCall invite) {
    UserId me = invite.caller();
    if (invite.to().isPresent()) {
      UserId other = invite.to().get();
      if (desk.chatTypeBetween(me, other) != ChatType.USER_CHAT) {
        return Stages.defer(
            () -> {
              desk.requireNotImpersonatedBy(me);
              throw new NotCallableException();
            });
      }
      return conversations
          .requireCanTalk(me, other)
          .thenCompose(
              ok -> {
                Chat candidate =
                    Chat.start(ids.newChatId(), me, other, desk, Optional.empty(), clock.instant());
                return chats
                    .findOrCreate(candidate)
                    .thenCompose(
                        chat ->
                            chat.id().equals(candidate.id())
                                ? partners.introduce(chat, broadcasts).thenApply(x -> chat)
                                : Stages.done(chat));
              });
    }
    ChatId id = invite.chatId().orElseThrow();
    return chats
        .findById(id)
        .thenApply(
            found -> {
              Chat chat = found.orElseThrow(() -> new NotFoundException("Chat not found"));
              // A group has no participants of its own (its members are elsewhere): calls are
              // refused in every group, whoever asks.
              if (chat.isGroup() || chat.isSupport()) {
                throw new NotCallableException();
              }
              if (!chat.hasParticipant(me)) {
                throw new NotFoundException("Chat not found");
              }
              return chat;
            })
        .thenCompose(
            chat -> conversations.requireCanTalk(me, chat.otherThan(me)).thenApply(ok -> chat));
  }

  private CompletionStage<CallView> place(InviteCall invite, Chat chat) {
    UserId caller = invite.caller();
    UserId callee = chat.otherThan(caller);
    CallId id = invite.callId().orElseGet(() -> CallId.of(UUID.randomUUID().toString()));
    Call ringing =
        Call.ring(
            id, chat.id(), invite.callType(), caller, invite.device(), callee, clock.instant());
    return registry
        .place(ringing)
        .thenCompose(
            placed ->
                switch (placed) {
                  case PLACED -> rings(ringing, chat);
                  case CALLER_BUSY ->
                      Stages.<CallView>defer(
                          () -> {
                            throw new BusyException();
                          });
                  case CALLEE_BUSY -> busy(invite, ringing, chat);
                  case ID_TAKEN -> taken(invite, chat);
                });
  }

  /**
   * The invite's id was taken meanwhile: by the caller's own retry (that call answers), or by
   * another caller's call (a fresh id of the server's is placed instead, revealing nothing).
   */
  private CompletionStage<CallView> taken(InviteCall invite, Chat chat) {
    return withId(invite)
        .thenCompose(
            found ->
                found.isPresent() && found.get().caller().equals(invite.caller())
                    ? Stages.done(CallView.of(found.get()))
                    : place(invite.withServerId(), chat));
  }

  /** A placed call: the callee's devices ring, the caller's others know, the clock runs. */
  private CompletionStage<CallView> rings(Call call, Chat chat) {
    signals.toUser(
        call.callee(),
        new CallSignal.Invite(
            call.id(), call.chatId(), call.type(), call.caller(), call.startedAt()));
    signals.toOtherDevices(
        call.caller(),
        call.callerDevice(),
        new CallSignal.Ringing(
            call.id(), call.chatId(), call.type(), call.callee(), call.startedAt()));
    pushes.incomingCall(chat, call.caller(), call.callee(), call.type());
    after(settings.ringTimeout(), call.id(), "ring", c -> c.ringOut(clock.instant()));
    return Stages.done(CallView.of(call));
  }

  /** The callee is in another call: this one is logged as busy at once. */
  private CompletionStage<CallView> busy(InviteCall invite, Call ringing, Chat chat) {
    Call busy =
        Call.busy(
            ringing.id(),
            ringing.chatId(),
            ringing.type(),
            ringing.caller(),
            invite.device(),
            ringing.callee(),
            ringing.startedAt());
    return registry
        .place(busy)
        .thenCompose(
            placed ->
                placed == CallRegistry.Placed.PLACED
                    ? Stages.done(ended(busy))
                    : taken(invite, chat));
  }

  @Override
  public CompletionStage<CallView> accept(UserId user, DeviceId device, CallId id) {
    return change(id, user, call -> call.accept(user, device, clock.instant()))
        .thenApply(
            change -> {
              Call before = change.before();
              Call after = change.after();
              if (before.state() == CallState.RINGING && after.state() == CallState.ACCEPTED) {
                signals.toDevice(
                    after.caller(),
                    after.callerDevice(),
                    new CallSignal.Accepted(after.id(), after.callee()));
                CallSignal elsewhere = new CallSignal.AnsweredElsewhere(after.id());
                signals.toOtherDevices(after.callee(), device, elsewhere);
                signals.toOtherDevices(after.caller(), after.callerDevice(), elsewhere);
              } else if (before != after) {
                rebound(user, device, before, after);
              }
              return CallView.of(after);
            });
  }

  /**
   * {@code user}'s side of the call is on {@code device} now (they came back, or moved the call):
   * the device it was on, if another, is out of the call and hears so; in an accepted call the
   * other side hears it too, so that the caller's device makes a new offer to the new pair. A
   * caller back on a new device makes it at once (the answer to its accept says accepted): the
   * callee's device hears {@code call:rejoined}, to drop its old peer connection and wait for the
   * offer. A callee back on a new device is offered to by the caller's, which hears {@code
   * call:accept} again, as after the first accept.
   */
  private void rebound(UserId user, DeviceId device, Call before, Call after) {
    before
        .deviceOf(user)
        .filter(old -> !old.equals(device))
        .ifPresent(
            old -> signals.toDevice(user, old, new CallSignal.AnsweredElsewhere(after.id())));
    if (after.state() != CallState.ACCEPTED) {
      return;
    }
    if (user.equals(after.callee())) {
      signals.toDevice(
          after.caller(),
          after.callerDevice(),
          new CallSignal.Accepted(after.id(), after.callee()));
    } else {
      signals.toDevice(
          after.callee(),
          after.calleeDevice().orElseThrow(),
          new CallSignal.Rejoined(after.id(), after.caller()));
    }
  }

  /**
   * Answers from the change of state alone: the call has ended once the swap won, whether or not
   * its entry is written yet (the log retries a failed write by itself).
   */
  @Override
  public CompletionStage<CallView> reject(UserId user, CallId id) {
    return change(id, user, call -> call.reject(user, clock.instant()))
        .thenApply(change -> ended(change.after()));
  }

  /** As {@link #reject}, answers from the change of state alone. */
  @Override
  public CompletionStage<CallView> hangUp(UserId user, CallId id) {
    return change(id, user, call -> call.hangUp(user, clock.instant()))
        .thenApply(change -> ended(change.after()));
  }

  @Override
  public CompletionStage<Void> relay(
      UserId user, DeviceId device, CallId id, String event, String fields) {
    return Stages.defer(
        () -> {
          if (!RELAYED.contains(event)) {
            throw new InvalidArgumentException("Not a call signal: " + event);
          }
          if (fields.getBytes(StandardCharsets.UTF_8).length > CallSettings.MAX_SIGNAL_BYTES) {
            throw new SignalTooLargeException(CallSettings.MAX_SIGNAL_BYTES);
          }
          return registry
              .find(id)
              .thenAccept(
                  found -> {
                    Call call = found.orElseThrow(CallNotFoundException::new);
                    Call.Peer peer = call.relayTarget(user, device);
                    signals.toDevice(
                        peer.user(),
                        peer.device(),
                        new CallSignal.Relayed(event, id, user, fields));
                  });
        });
  }

  @Override
  public CompletionStage<Void> deviceGone(UserId user, DeviceId device) {
    return registry
        .liveCallOf(user)
        .thenCompose(
            live ->
                live.isEmpty()
                    ? Stages.done(null)
                    : away(
                        user,
                        device,
                        live.get().id(),
                        change -> change.before() != change.after()));
  }

  /**
   * As {@link #deviceGone}, and a side already away on that device is given a grace timer here too:
   * the one armed when it went away may have died with its node.
   */
  @Override
  public CompletionStage<Void> devicesGone(UserId user, Predicate<DeviceId> gone) {
    return registry
        .liveCallOf(user)
        .thenCompose(
            live -> {
              Optional<DeviceId> device = live.flatMap(call -> call.deviceOf(user)).filter(gone);
              if (device.isEmpty()) {
                return Stages.done(null);
              }
              return away(
                  user,
                  device.get(),
                  live.get().id(),
                  change ->
                      change.after().isLive()
                          && change.after().deviceOf(user).equals(device)
                          && change.after().awaySince(user).isPresent());
            });
  }

  /**
   * {@code user}'s {@code device} went away from call {@code id}: their side is away (if it is that
   * side's device), and the grace timer is armed if {@code timed} says so of the change.
   */
  private CompletionStage<Void> away(
      UserId user, DeviceId device, CallId id, Predicate<Change> timed) {
    return byTime(id, call -> call.deviceGone(user, device, clock.instant()))
        .thenAccept(
            change -> {
              if (change.isPresent() && timed.test(change.get())) {
                after(
                    settings.disconnectGrace(),
                    id,
                    "grace",
                    call -> call.failIfAway(settings.disconnectGrace(), clock.instant()));
              }
            });
  }

  /**
   * Applies {@code step} to call {@code id} once {@code delay} has passed, and logs the call if
   * that ended it; a failure is logged (the call's id and the timer's name, nothing more).
   */
  private void after(Duration delay, CallId id, String timer, Function<Call, Call> step) {
    timers
        .after(delay)
        .thenCompose(ignored -> endBy(id, step))
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "{0} timer of call {1} failed: {2}",
                    timer,
                    id,
                    Failures.unwrapped(failure).getClass().getSimpleName());
              }
            });
  }

  /** A transition by time that may end the call; logged if it did. */
  private CompletionStage<Void> endBy(CallId id, Function<Call, Call> step) {
    return byTime(id, step)
        .thenAccept(
            change -> {
              if (change.isPresent()
                  && change.get().before().isLive()
                  && !change.get().after().isLive()) {
                ended(change.get().after());
              }
            });
  }

  /**
   * A transition no user waits for (a timer's, a device gone): it gives up no race, but reads the
   * call again until its step applies or changes nothing (the call ended, or moved on).
   */
  private CompletionStage<Optional<Change>> byTime(CallId id, Function<Call, Call> step) {
    return attempt(id, step, 0, Integer.MAX_VALUE);
  }

  /** A user's change of a call they are part of: others' calls do not exist for them. */
  private CompletionStage<Change> change(CallId id, UserId user, Function<Call, Call> step) {
    return transition(
            id,
            call -> {
              call.requireParty(user);
              return step.apply(call);
            })
        .thenApply(change -> change.orElseThrow(CallNotFoundException::new));
  }

  /**
   * Applies {@code step} to the stored call and swaps the result in over the version it was made
   * from, reading again after a lost race; empty when there is no such call.
   */
  private CompletionStage<Optional<Change>> transition(CallId id, Function<Call, Call> step) {
    return attempt(id, step, 0, MAX_RACES);
  }

  private CompletionStage<Optional<Change>> attempt(
      CallId id, Function<Call, Call> step, int n, int races) {
    return registry
        .find(id)
        .thenCompose(
            found -> {
              if (found.isEmpty()) {
                return Stages.done(Optional.empty());
              }
              Call before = found.get();
              Call after = step.apply(before);
              if (after == before) {
                return Stages.done(Optional.of(new Change(before, after)));
              }
              return registry
                  .replace(before.version(), after)
                  .thenCompose(
                      swapped -> {
                        if (swapped) {
                          return Stages.done(Optional.of(new Change(before, after)));
                        }
                        if (n >= races) {
                          throw new CallStateException("The call is changing, retry");
                        }
                        return attempt(id, step, n + 1, races);
                      });
            });
  }

  /**
   * A call that just ended: everybody who heard of it is told, and its chat logs it (in the
   * background: the log retries a failed write by itself). Answers the call's view.
   */
  private CallView ended(Call call) {
    CallOutcome outcome = call.outcome().orElseThrow();
    if (outcome == CallOutcome.REJECTED) {
      signals.toUser(call.caller(), new CallSignal.Rejected(call.id(), call.callee()));
    }
    CallSignal end =
        new CallSignal.Ended(call.id(), outcome, call.endedBy(), call.durationSeconds());
    signals.toUser(call.caller(), end);
    if (outcome != CallOutcome.BUSY) {
      signals.toUser(call.callee(), end);
    }
    log.ended(call);
    return CallView.of(call);
  }

  private record Change(Call before, Call after) {}
}
