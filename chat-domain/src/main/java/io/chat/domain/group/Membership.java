package io.chat.domain.group;

import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * One user's place in a group, all marks watermarks over the chat's {@code seq}: they joined at
 * {@code joinedSeq} (the seq of the system entry that added them, the first they see), left at
 * {@code leftSeq} (the entry that told of it, the last they see; 0 while they are a member), read
 * up to {@code readSeq}, and cleared their view up to {@code clearedSeq}. {@code hidden}: a former
 * member deleted the chat from their list. Everything up to {@code deliveredSeq} reached one of
 * their devices (what is read is delivered too); {@code archivedSeq}: they archived the group when
 * it was at that seq (0: not archived), see {@link io.chat.domain.chat.MemberState#isArchived}.
 */
public record Membership(
    ChatId chatId,
    UserId user,
    GroupRole role,
    long joinedSeq,
    long leftSeq,
    long readSeq,
    long clearedSeq,
    Instant joinedAt,
    boolean hidden,
    long deliveredSeq,
    long archivedSeq) {

  public Membership {
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(joinedAt, "joinedAt");
    if (joinedSeq < 1
        || leftSeq < 0
        || readSeq < 0
        || clearedSeq < 0
        || deliveredSeq < 0
        || archivedSeq < 0) {
      throw new IllegalArgumentException("a member joins at a seq, and marks are never negative");
    }
    if (leftSeq != 0 && leftSeq < joinedSeq) {
      throw new IllegalArgumentException("a member leaves after joining");
    }
    if (hidden && leftSeq == 0) {
      throw new IllegalArgumentException("only a former member hides the chat");
    }
  }

  /** A membership whose devices never acknowledged anything and that was never archived. */
  public Membership(
      ChatId chatId,
      UserId user,
      GroupRole role,
      long joinedSeq,
      long leftSeq,
      long readSeq,
      long clearedSeq,
      Instant joinedAt,
      boolean hidden) {
    this(chatId, user, role, joinedSeq, leftSeq, readSeq, clearedSeq, joinedAt, hidden, 0, 0);
  }

  /** Everything up to here reached one of this member's devices (read included). */
  public long delivered() {
    return Math.max(deliveredSeq, readSeq);
  }

  /** A member joining at {@code seq}: everything before it is not theirs to see, nor unread. */
  public static Membership joined(
      ChatId chatId, UserId user, GroupRole role, long seq, Instant at) {
    return new Membership(chatId, user, role, seq, 0, seq - 1, 0, at, false);
  }

  public boolean isCurrent() {
    return leftSeq == 0;
  }

  /** The first seq this member sees: their join, or after their clear mark. */
  public long firstVisibleSeq() {
    return Math.max(joinedSeq, clearedSeq + 1);
  }

  /** The last seq this member sees, in a chat whose last seq is {@code lastSeq}. */
  public long lastVisibleSeq(long lastSeq) {
    return isCurrent() ? lastSeq : Math.min(leftSeq, lastSeq);
  }

  public boolean canSee(long seq, long lastSeq) {
    return seq >= firstVisibleSeq() && seq <= lastVisibleSeq(lastSeq);
  }

  public boolean hasSeen(long seq) {
    return seq <= readSeq;
  }

  /** Unread entries start after the read mark, the clear mark and before the join. */
  public long unreadFloor() {
    return Math.max(readSeq, firstVisibleSeq() - 1);
  }

  public Membership withRole(GroupRole next) {
    return new Membership(
        chatId,
        user,
        next,
        joinedSeq,
        leftSeq,
        readSeq,
        clearedSeq,
        joinedAt,
        hidden,
        deliveredSeq,
        archivedSeq);
  }

  /** Left (or removed) at the entry {@code seq}: they see up to it and nothing newer. */
  public Membership leftAt(long seq) {
    if (!isCurrent()) {
      throw new IllegalStateException("already left");
    }
    return new Membership(
        chatId,
        user,
        GroupRole.MEMBER,
        joinedSeq,
        seq,
        readSeq,
        clearedSeq,
        joinedAt,
        false,
        deliveredSeq,
        archivedSeq);
  }

  /** Reading up to {@code seq}; a read mark never moves backwards. */
  public Membership readUpTo(long seq) {
    return seq <= readSeq
        ? this
        : new Membership(
            chatId,
            user,
            role,
            joinedSeq,
            leftSeq,
            seq,
            clearedSeq,
            joinedAt,
            hidden,
            deliveredSeq,
            archivedSeq);
  }

  /** Clearing up to {@code seq}; a clear mark never moves backwards. */
  public Membership clearedUpTo(long seq) {
    return seq <= clearedSeq
        ? this
        : new Membership(
            chatId,
            user,
            role,
            joinedSeq,
            leftSeq,
            readSeq,
            seq,
            joinedAt,
            hidden,
            deliveredSeq,
            archivedSeq);
  }

  /** A former member deleting the chat from their list. */
  public Membership hiddenFromList() {
    if (isCurrent()) {
      throw new NotAMemberException.StillAMemberException();
    }
    return new Membership(
        chatId,
        user,
        role,
        joinedSeq,
        leftSeq,
        readSeq,
        clearedSeq,
        joinedAt,
        true,
        deliveredSeq,
        archivedSeq);
  }
}
