package io.chat.domain.call;

import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call between two users of a chat of two, as the server keeps it: it rings, may be accepted, and
 * ends once with a {@link CallOutcome}. Each side is bound to one device (the caller's from the
 * invite, the callee's from the accept), and signaling passes only between those two. A device that
 * goes away leaves its side away until the same user binds a device again (by accepting again), or
 * until the grace period fails the call. Immutable: every transition answers the next call, with a
 * higher {@link #version}, so that a store can swap it in only over the one it was made from.
 */
public final class Call {
  private final CallId id;
  private final ChatId chatId;
  private final CallType type;
  private final UserId caller;
  private final UserId callee;
  private final DeviceId callerDevice;
  private final Optional<DeviceId> calleeDevice;
  private final CallState state;
  private final Instant startedAt;
  private final Optional<Instant> acceptedAt;
  private final Optional<Instant> endedAt;
  private final Optional<CallOutcome> outcome;
  private final Optional<UserId> endedBy;
  private final Optional<Instant> callerAwaySince;
  private final Optional<Instant> calleeAwaySince;
  private final long version;

  private Call(
      CallId id,
      ChatId chatId,
      CallType type,
      UserId caller,
      UserId callee,
      DeviceId callerDevice,
      Optional<DeviceId> calleeDevice,
      CallState state,
      Instant startedAt,
      Optional<Instant> acceptedAt,
      Optional<Instant> endedAt,
      Optional<CallOutcome> outcome,
      Optional<UserId> endedBy,
      Optional<Instant> callerAwaySince,
      Optional<Instant> calleeAwaySince,
      long version) {
    this.id = Objects.requireNonNull(id, "id");
    this.chatId = Objects.requireNonNull(chatId, "chatId");
    this.type = Objects.requireNonNull(type, "type");
    this.caller = Objects.requireNonNull(caller, "caller");
    this.callee = Objects.requireNonNull(callee, "callee");
    this.callerDevice = Objects.requireNonNull(callerDevice, "callerDevice");
    this.calleeDevice = Objects.requireNonNull(calleeDevice, "calleeDevice");
    this.state = Objects.requireNonNull(state, "state");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.acceptedAt = Objects.requireNonNull(acceptedAt, "acceptedAt");
    this.endedAt = Objects.requireNonNull(endedAt, "endedAt");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.endedBy = Objects.requireNonNull(endedBy, "endedBy");
    this.callerAwaySince = Objects.requireNonNull(callerAwaySince, "callerAwaySince");
    this.calleeAwaySince = Objects.requireNonNull(calleeAwaySince, "calleeAwaySince");
    this.version = version;
    if (caller.equals(callee)) {
      throw new IllegalArgumentException("a call is between two users");
    }
    if ((state == CallState.ENDED) != outcome.isPresent()
        || (state == CallState.ENDED) != endedAt.isPresent()) {
      throw new IllegalArgumentException("an ended call, and only one, has an outcome and an end");
    }
    if (acceptedAt.isPresent() != calleeDevice.isPresent()) {
      throw new IllegalArgumentException("an accepted call has the callee's device");
    }
  }

  /** A new call from {@code caller}'s device {@code callerDevice} to {@code callee}: it rings. */
  public static Call ring(
      CallId id,
      ChatId chatId,
      CallType type,
      UserId caller,
      DeviceId callerDevice,
      UserId callee,
      Instant now) {
    return new Call(
        id,
        chatId,
        type,
        caller,
        callee,
        callerDevice,
        Optional.empty(),
        CallState.RINGING,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        1);
  }

  /**
   * A call as a store kept it, every field as {@link #ring} and the transitions made it (a store
   * shared by several nodes writes calls out and reads them back); the same checks hold.
   */
  public static Call restore(
      CallId id,
      ChatId chatId,
      CallType type,
      UserId caller,
      UserId callee,
      DeviceId callerDevice,
      Optional<DeviceId> calleeDevice,
      CallState state,
      Instant startedAt,
      Optional<Instant> acceptedAt,
      Optional<Instant> endedAt,
      Optional<CallOutcome> outcome,
      Optional<UserId> endedBy,
      Optional<Instant> callerAwaySince,
      Optional<Instant> calleeAwaySince,
      long version) {
    return new Call(
        id,
        chatId,
        type,
        caller,
        callee,
        callerDevice,
        calleeDevice,
        state,
        startedAt,
        acceptedAt,
        endedAt,
        outcome,
        endedBy,
        callerAwaySince,
        calleeAwaySince,
        version);
  }

  /** A call to a callee who is already in a call: it ends at once, as busy. */
  public static Call busy(
      CallId id,
      ChatId chatId,
      CallType type,
      UserId caller,
      DeviceId callerDevice,
      UserId callee,
      Instant now) {
    return ring(id, chatId, type, caller, callerDevice, callee, now)
        .ended(CallOutcome.BUSY, Optional.empty(), now);
  }

  public CallId id() {
    return id;
  }

  public ChatId chatId() {
    return chatId;
  }

  public CallType type() {
    return type;
  }

  public UserId caller() {
    return caller;
  }

  public UserId callee() {
    return callee;
  }

  public DeviceId callerDevice() {
    return callerDevice;
  }

  public Optional<DeviceId> calleeDevice() {
    return calleeDevice;
  }

  public CallState state() {
    return state;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Optional<Instant> acceptedAt() {
    return acceptedAt;
  }

  public Optional<Instant> endedAt() {
    return endedAt;
  }

  public Optional<CallOutcome> outcome() {
    return outcome;
  }

  /** Who ended it, when a user did (not a timeout, a busy callee or a failure). */
  public Optional<UserId> endedBy() {
    return endedBy;
  }

  /** Increases with every transition. */
  public long version() {
    return version;
  }

  /** A live call rings or is accepted; its users are in it. */
  public boolean isLive() {
    return state != CallState.ENDED;
  }

  public boolean involves(UserId user) {
    return caller.equals(user) || callee.equals(user);
  }

  /** The other user of the call. */
  public UserId otherThan(UserId user) {
    requireParty(user);
    return caller.equals(user) ? callee : caller;
  }

  /** The device of {@code user}'s side, once it has one (the callee's only once accepted). */
  public Optional<DeviceId> deviceOf(UserId user) {
    requireParty(user);
    return caller.equals(user) ? Optional.of(callerDevice) : calleeDevice;
  }

  /** Since when {@code user}'s device in the call has been gone, if it is. */
  public Optional<Instant> awaySince(UserId user) {
    requireParty(user);
    return caller.equals(user) ? callerAwaySince : calleeAwaySince;
  }

  /** Only the two users of a call learn of it: to anybody else it does not exist. */
  public void requireParty(UserId user) {
    if (!involves(user)) {
      throw new CallNotFoundException();
    }
  }

  /**
   * The callee accepts a ringing call on {@code device}, which is then their device in the call. An
   * accepted call is accepted again by either of its users from any of their own devices: that
   * binds their side to {@code device} (the device bound before, if another, is out of the call),
   * which is how a user comes back after a dropped connection or moves the call to another device.
   * The same device accepting again while it is bound changes nothing. While the call rings, only a
   * caller whose device went away may bind another.
   */
  public Call accept(UserId user, DeviceId device, Instant now) {
    requireParty(user);
    requireLive();
    boolean isCaller = caller.equals(user);
    if (state == CallState.RINGING) {
      if (isCaller) {
        if (callerAwaySince.isEmpty() && !callerDevice.equals(device)) {
          throw new CallStateException("Only the callee accepts a ringing call");
        }
        return rebound(true, device);
      }
      return new Call(
          id,
          chatId,
          type,
          caller,
          callee,
          callerDevice,
          Optional.of(device),
          CallState.ACCEPTED,
          startedAt,
          Optional.of(now),
          endedAt,
          outcome,
          endedBy,
          callerAwaySince,
          Optional.empty(),
          version + 1);
    }
    if (deviceOf(user).equals(Optional.of(device)) && awaySince(user).isEmpty()) {
      return this;
    }
    // Back on the same device, or on another of the user's own, which takes their side over
    // whether or not the old one was seen to leave (a client often reconnects before the server
    // hears the old connection close).
    return rebound(isCaller, device);
  }

  /** The callee declines a ringing call. */
  public Call reject(UserId user, Instant now) {
    requireParty(user);
    requireLive();
    if (state != CallState.RINGING) {
      throw new CallStateException("Only a ringing call is rejected; hang up instead");
    }
    if (!callee.equals(user)) {
      throw new CallStateException("Only the callee rejects; the caller hangs up");
    }
    return ended(CallOutcome.REJECTED, Optional.of(user), now);
  }

  /**
   * Either user hangs up: a ringing call is cancelled by the caller (rejected by the callee), an
   * accepted one completes.
   */
  public Call hangUp(UserId user, Instant now) {
    requireParty(user);
    requireLive();
    CallOutcome how =
        state == CallState.ACCEPTED
            ? CallOutcome.COMPLETED
            : caller.equals(user) ? CallOutcome.CANCELLED : CallOutcome.REJECTED;
    return ended(how, Optional.of(user), now);
  }

  /** Nobody answered in time: a call still ringing is missed; any other stays as it is. */
  public Call ringOut(Instant now) {
    return state == CallState.RINGING ? ended(CallOutcome.MISSED, Optional.empty(), now) : this;
  }

  /**
   * {@code device} of {@code user} went away: if it is their device in a live call, their side is
   * away from {@code now} (the first time it goes); any other device changes nothing.
   */
  public Call deviceGone(UserId user, DeviceId device, Instant now) {
    if (!involves(user) || !isLive() || !deviceOf(user).equals(Optional.of(device))) {
      return this;
    }
    if (awaySince(user).isPresent()) {
      return this;
    }
    boolean isCaller = caller.equals(user);
    return new Call(
        id,
        chatId,
        type,
        caller,
        callee,
        callerDevice,
        calleeDevice,
        state,
        startedAt,
        acceptedAt,
        endedAt,
        outcome,
        endedBy,
        isCaller ? Optional.of(now) : callerAwaySince,
        isCaller ? calleeAwaySince : Optional.of(now),
        version + 1);
  }

  /**
   * A side away for at least {@code grace} by {@code now} fails the live call; a side that came
   * back (or a call that ended) leaves it as it is.
   */
  public Call failIfAway(Duration grace, Instant now) {
    if (!isLive()) {
      return this;
    }
    boolean gone =
        callerAwaySince.filter(t -> !now.isBefore(t.plus(grace))).isPresent()
            || calleeAwaySince.filter(t -> !now.isBefore(t.plus(grace))).isPresent();
    return gone ? ended(CallOutcome.FAILED, Optional.empty(), now) : this;
  }

  /**
   * Signaling (offer, answer, candidates, mute...) passes only while the call is accepted, from the
   * device of one side to the device of the other: the answer is the other side's user and device.
   */
  public Peer relayTarget(UserId from, DeviceId device) {
    requireParty(from);
    requireLive();
    if (state != CallState.ACCEPTED) {
      throw new CallStateException("The call is not accepted yet");
    }
    if (!deviceOf(from).equals(Optional.of(device))) {
      throw new CallStateException("Signal from the device in the call");
    }
    UserId other = otherThan(from);
    return new Peer(other, deviceOf(other).orElseThrow());
  }

  /** The other side of a signal: its user and their device in the call. */
  public record Peer(UserId user, DeviceId device) {}

  /** How long the call lasted once accepted, in whole seconds (0 if it never was). */
  public long durationSeconds() {
    if (acceptedAt.isEmpty() || endedAt.isEmpty() || outcome.get() != CallOutcome.COMPLETED) {
      return 0;
    }
    return Math.max(0, Duration.between(acceptedAt.get(), endedAt.get()).getSeconds());
  }

  /** What the chat's timeline keeps of this call, once it has ended. */
  public CallEntry entry() {
    if (isLive()) {
      throw new IllegalStateException("a live call has no entry yet");
    }
    return new CallEntry(id, type, outcome.get(), durationSeconds(), caller, callee);
  }

  private void requireLive() {
    if (!isLive()) {
      throw new CallStateException("The call has ended");
    }
  }

  private Call rebound(boolean callerSide, DeviceId device) {
    return new Call(
        id,
        chatId,
        type,
        caller,
        callee,
        callerSide ? device : callerDevice,
        callerSide ? calleeDevice : Optional.of(device),
        state,
        startedAt,
        acceptedAt,
        endedAt,
        outcome,
        endedBy,
        callerSide ? Optional.empty() : callerAwaySince,
        callerSide ? calleeAwaySince : Optional.empty(),
        version + 1);
  }

  private Call ended(CallOutcome how, Optional<UserId> by, Instant now) {
    return new Call(
        id,
        chatId,
        type,
        caller,
        callee,
        callerDevice,
        calleeDevice,
        CallState.ENDED,
        startedAt,
        acceptedAt,
        Optional.of(now),
        Optional.of(how),
        by,
        callerAwaySince,
        calleeAwaySince,
        version + 1);
  }

  /** Equal calls are the same call at the same version with every field alike (as stored). */
  @Override
  public boolean equals(Object other) {
    return other instanceof Call c
        && version == c.version
        && id.equals(c.id)
        && chatId.equals(c.chatId)
        && type == c.type
        && caller.equals(c.caller)
        && callee.equals(c.callee)
        && callerDevice.equals(c.callerDevice)
        && calleeDevice.equals(c.calleeDevice)
        && state == c.state
        && startedAt.equals(c.startedAt)
        && acceptedAt.equals(c.acceptedAt)
        && endedAt.equals(c.endedAt)
        && outcome.equals(c.outcome)
        && endedBy.equals(c.endedBy)
        && callerAwaySince.equals(c.callerAwaySince)
        && calleeAwaySince.equals(c.calleeAwaySince);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, state);
  }

  @Override
  public String toString() {
    return "Call[" + id + " " + state + outcome.map(o -> " " + o).orElse("") + "]";
  }
}
