package io.chat.adapter.ws;

import io.chat.domain.user.UserId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who is connected on this node: each user's connections (all devices, all transports) and the
 * connections of staff. Sets are copied on write, so that delivery reads them without a lock.
 */
final class ConnectionRegistry {
  private final ConcurrentHashMap<UserId, Set<Connection>> byUser = new ConcurrentHashMap<>();
  private final AtomicReference<Set<Connection>> staff = new AtomicReference<>(Set.of());

  void add(Connection connection) {
    byUser.compute(connection.actor().id(), (user, set) -> with(set, connection));
    if (connection.actor().admin()) {
      staff.updateAndGet(set -> with(set, connection));
    }
  }

  void remove(Connection connection) {
    byUser.computeIfPresent(connection.actor().id(), (user, set) -> without(set, connection));
    staff.updateAndGet(set -> Objects.requireNonNullElse(without(set, connection), Set.of()));
  }

  Set<Connection> ofUser(UserId user) {
    return byUser.getOrDefault(user, Set.of());
  }

  Set<Connection> ofStaff() {
    return staff.get();
  }

  /** Every connection, for closing them all. */
  Set<Connection> all() {
    Set<Connection> all = new HashSet<>();
    byUser.values().forEach(all::addAll);
    return all;
  }

  int size() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }

  private static Set<Connection> with(Set<Connection> set, Connection connection) {
    Set<Connection> next = set == null ? new HashSet<>() : new HashSet<>(set);
    next.add(connection);
    return Set.copyOf(next);
  }

  private static Set<Connection> without(Set<Connection> set, Connection connection) {
    if (!set.contains(connection)) {
      return set;
    }
    Set<Connection> next = new HashSet<>(set);
    next.remove(connection);
    return next.isEmpty() ? null : Set.copyOf(next);
  }
}
