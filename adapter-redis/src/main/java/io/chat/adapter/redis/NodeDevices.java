package io.chat.adapter.redis;

import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices of each user that this node has counted, kept in memory: its sockets, which Redis is
 * to count under this node whatever Redis lost or a sweep cleaned, so that the node can register
 * them again (see {@link RedisPresence}).
 *
 * <p>A connect counts its device here even when Redis failed it, and a disconnect uncounts it even
 * then: the server keeps a socket whose connect failed (and disconnects it when it closes), and a
 * closed socket is gone whatever Redis answered. So this count is always this node's sockets. Redis
 * may then differ for that user, and whether the failed call told anyone is unknown: the user is
 * <em>unsettled</em> until the node writes its count again and settles who is to be told.
 *
 * <p>Not thread-safe by itself: {@link RedisPresence} holds this object's monitor while it changes
 * a count and sends the matching command, and while it takes the counts it writes again and sends
 * them, so that Redis, which runs one connection's commands in the order sent, applies this node's
 * writes in the order of these counts.
 */
final class NodeDevices {
  /** What to do with a user's mark "told online" when their count is written again. */
  enum Mark {
    /** Set it, telling nobody: the data was lost, and the user had been told online. */
    RESTORE('m'),
    /** Leave it: whether the user was told online is not known yet. */
    LEAVE('c'),
    /** Set it when the user has a device on a live node, remove it when not; tell the change. */
    SETTLE('s');

    final String code;

    Mark(char code) {
      this.code = String.valueOf(code);
    }
  }

  /** One user's count to write again, and what to do with their mark. */
  record Registration(UserId user, int count, Mark mark) {}

  private static final class Devices {
    /** This node's sockets of the user. */
    int sockets;

    /** The change to {@code sockets} of the calls sent and not answered yet. */
    int pending;

    /** How many calls were sent and not answered yet. */
    int calls;

    /**
     * Null while Redis counts what this node counts, as far as it knows; else whether the user had
     * been told online as far as this node knows: a device registered here means so.
     */
    Boolean unsettled;
  }

  private final Map<UserId, Devices> users = new HashMap<>();

  /** Counts one more device; answers how many there were before. */
  int connecting(UserId user) {
    Devices devices = users.computeIfAbsent(user, u -> new Devices());
    devices.calls++;
    devices.pending++;
    return devices.sockets++;
  }

  /** Counts one device less, if there is one; answers how many there were before. */
  int disconnecting(UserId user) {
    Devices devices = users.get(user);
    if (devices == null || devices.sockets == 0) {
      return 0;
    }
    devices.calls++;
    devices.pending--;
    return devices.sockets--;
  }

  /** A call that changed the count by {@code change} was answered, however. */
  void answered(UserId user, int change) {
    Devices devices = users.get(user);
    if (devices != null) {
      devices.calls--;
      devices.pending -= change;
      forgetIfIdle(user, devices);
    }
  }

  /**
   * A call for the user failed, or Redis had lost the data: Redis may not count what this node
   * counts. {@code toldOnline}: whether the user had been told online, as far as this node knew
   * before the call; kept from the first such call until settled.
   */
  void unsettle(UserId user, boolean toldOnline) {
    Devices devices = users.computeIfAbsent(user, u -> new Devices());
    if (devices.unsettled == null) {
      devices.unsettled = toldOnline;
    }
  }

  /** A call for an unsettled user told them online or offline: that is what they were told last. */
  void told(UserId user, boolean online) {
    Devices devices = users.get(user);
    if (devices != null && devices.unsettled != null) {
      devices.unsettled = online;
    }
  }

  boolean anyUnsettled() {
    return users.values().stream().anyMatch(devices -> devices.unsettled != null);
  }

  /**
   * After Redis lost its data (and with it who was told online): every count, each user's mark set
   * again without telling anyone when they had been told online (their devices were registered
   * here), left alone when not (another node may have told them). Users whose devices came or went
   * meanwhile (their calls failed or found the data lost) stay unsettled, to be settled once every
   * node has registered again: only then does the mark say whether they were told online.
   */
  List<Registration> toRestore() {
    List<Registration> all = new ArrayList<>(users.size());
    for (Map.Entry<UserId, Devices> entry : users.entrySet()) {
      Devices devices = entry.getValue();
      boolean toldOnline =
          devices.unsettled != null ? devices.unsettled : devices.sockets - devices.pending > 0;
      all.add(
          new Registration(
              entry.getKey(), devices.sockets, toldOnline ? Mark.RESTORE : Mark.LEAVE));
      boolean online = devices.sockets > 0;
      devices.unsettled = toldOnline == online && devices.calls == 0 ? null : toldOnline;
    }
    forgetSettled();
    return all;
  }

  /** Every count, each user's mark settled: after a sweep may have cleaned this node's users. */
  List<Registration> toSettleAll() {
    return toSettle(false);
  }

  /** The counts of unsettled users, their marks settled. */
  List<Registration> toSettleUnsettled() {
    return toSettle(true);
  }

  private List<Registration> toSettle(boolean unsettledOnly) {
    List<Registration> all = new ArrayList<>();
    for (Map.Entry<UserId, Devices> entry : users.entrySet()) {
      Devices devices = entry.getValue();
      if (unsettledOnly && devices.unsettled == null) {
        continue;
      }
      all.add(new Registration(entry.getKey(), devices.sockets, Mark.SETTLE));
      // A call in flight may be run after this write (one sent before a script was loaded again):
      // the next heartbeat writes this user's count once more.
      devices.unsettled = devices.calls == 0 ? null : devices.sockets > 0;
    }
    forgetSettled();
    return all;
  }

  /** Registrations that did not reach Redis: their users are unsettled until written again. */
  void notRegistered(List<Registration> registrations) {
    for (Registration registration : registrations) {
      boolean toldOnline =
          switch (registration.mark()) {
            case RESTORE -> true;
            case LEAVE -> false;
            case SETTLE -> registration.count() > 0;
          };
      unsettle(registration.user(), toldOnline);
    }
  }

  /** This node's count of the user's devices. */
  int sockets(UserId user) {
    Devices devices = users.get(user);
    return devices == null ? 0 : devices.sockets;
  }

  /** Forgets settled users with no device here and no call in flight. */
  private void forgetSettled() {
    users.entrySet().removeIf(entry -> isIdle(entry.getValue()));
  }

  private void forgetIfIdle(UserId user, Devices devices) {
    if (isIdle(devices)) {
      users.remove(user);
    }
  }

  private static boolean isIdle(Devices devices) {
    return devices.sockets == 0 && devices.calls == 0 && devices.unsettled == null;
  }
}
