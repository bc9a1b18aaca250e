package io.chat.domain.chat;

import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * The identity of a pair of users, whichever of them speaks first: the two ids sorted and joined by
 * {@code ':'} (a character no user id contains). One chat of each type exists per pair.
 */
public record PairKey(UserId first, UserId second) {
  public PairKey {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (first.compareTo(second) >= 0) {
      throw new IllegalArgumentException("a pair key holds two different ids in order");
    }
  }

  /** The key of two different users, in either order. */
  public static PairKey of(UserId a, UserId b) {
    if (a.equals(b)) {
      throw new ChatWithSelfException();
    }
    return a.compareTo(b) < 0 ? new PairKey(a, b) : new PairKey(b, a);
  }

  public static PairKey parse(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a pair key");
    }
    return new PairKey(UserId.of(value.substring(0, colon)), UserId.of(value.substring(colon + 1)));
  }

  public List<UserId> members() {
    return List.of(first, second);
  }

  public boolean contains(UserId user) {
    return first.equals(user) || second.equals(user);
  }

  /** The member who is not {@code user}. */
  public UserId other(UserId user) {
    if (first.equals(user)) {
      return second;
    }
    if (second.equals(user)) {
      return first;
    }
    throw new NotAParticipantException();
  }

  public String value() {
    return first.value() + ':' + second.value();
  }

  /**
   * Mixed, unlike a record's {@code 31 * first + second}: ids that differ in their last character
   * (user41 and user42) made that a multiple of 32 plus a constant, so that the pairs of a numbered
   * population fell into a few buckets of every hash table keyed by pairs.
   */
  @Override
  public int hashCode() {
    int h = first.hashCode() * 0x01000193 ^ second.hashCode();
    return h ^ (h >>> 15);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PairKey that && first.equals(that.first) && second.equals(that.second);
  }

  @Override
  public String toString() {
    return value();
  }
}
