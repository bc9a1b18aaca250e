package io.chat.adapter.ws;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The texts built last, found again by what they were built from while a fan-out lasts: a few
 * slots, each holding the latest key that fell on it. Lock-free: threads that race on a slot at
 * worst build a text twice, never get another key's. Keys are compared by identity (the same event
 * handed to every member of an audience) or by equality (equal values built by different callers).
 */
final class Memo {
  private static final int SLOTS = 64;

  private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);
  private final boolean byIdentity;

  /** What a text was built from: a key, and a second one or null. */
  private record Entry(Object key, Object second, String text) {}

  private Memo(boolean byIdentity) {
    this.byIdentity = byIdentity;
  }

  static Memo byIdentity() {
    return new Memo(true);
  }

  static Memo byEquality() {
    return new Memo(false);
  }

  /** The text of {@code key}, built by {@code build} unless it is held. */
  String get(Object key, Supplier<String> build) {
    return get(key, null, build);
  }

  /** The text of {@code key} with {@code second}, built by {@code build} unless it is held. */
  String get(Object key, Object second, Supplier<String> build) {
    int slot = slot(hash(key) * 31 + hash(second));
    Entry held = slots.get(slot);
    if (held != null && same(held.key(), key) && same(held.second(), second)) {
      return held.text();
    }
    String text = build.get();
    slots.set(slot, new Entry(key, second, text));
    return text;
  }

  private int hash(Object key) {
    return byIdentity ? System.identityHashCode(key) : Objects.hashCode(key);
  }

  private boolean same(Object held, Object key) {
    return byIdentity ? held == key : Objects.equals(held, key);
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }
}
