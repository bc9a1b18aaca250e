package io.chat.domain.chat;

/**
 * One participant's marks in a chat, all watermarks over {@code seq}: everything up to {@code
 * readSeq} is read, everything up to {@code clearedSeq} is cleared from their view; {@code unread}
 * counts the other side's messages after the read mark that they can still see. Everything up to
 * {@code deliveredSeq} reached one of their devices (what is read is delivered too, whatever the
 * mark says). {@code archivedSeq}: they archived the chat when it was at that seq (0: not
 * archived); see {@link #isArchived}.
 */
public record MemberState(
    long readSeq, long clearedSeq, long unread, long deliveredSeq, long archivedSeq) {
  public static final MemberState NEW = new MemberState(0, 0, 0);

  public MemberState {
    if (readSeq < 0 || clearedSeq < 0 || unread < 0 || deliveredSeq < 0 || archivedSeq < 0) {
      throw new IllegalArgumentException("marks and counters are never negative");
    }
  }

  /** Marks of a participant who never archived and whose devices never acknowledged anything. */
  public MemberState(long readSeq, long clearedSeq, long unread) {
    this(readSeq, clearedSeq, unread, 0, 0);
  }

  /** Everything up to here reached one of this participant's devices (read included). */
  public long delivered() {
    return Math.max(deliveredSeq, readSeq);
  }

  public boolean hasDelivered(long seq) {
    return seq <= delivered();
  }

  /**
   * A chat archived at {@code archivedSeq} stays archived until a newer message comes, unless it is
   * muted: then it stays archived whatever comes.
   */
  public boolean isArchived(long lastSeq, boolean muted) {
    return isArchived(archivedSeq, lastSeq, muted);
  }

  /** The archive rule, for every kind of member. */
  public static boolean isArchived(long archivedSeq, long lastSeq, boolean muted) {
    return archivedSeq > 0 && (lastSeq <= archivedSeq || muted);
  }

  /** Everything up to the read mark is seen by this member, nothing after it. */
  public boolean hasSeen(long seq) {
    return seq <= readSeq;
  }

  /** A read mark never moves backwards. */
  public boolean readMarkWouldAdvance(long seq) {
    return seq > readSeq;
  }

  /** Reading up to {@code seq} leaves unread only the other side's visible messages after it. */
  public MemberState readUpTo(long seq, long unreadAfter) {
    if (!readMarkWouldAdvance(seq)) {
      throw new IllegalArgumentException("a read mark never moves backwards");
    }
    return new MemberState(seq, clearedSeq, unreadAfter, deliveredSeq, archivedSeq);
  }

  /** A clear mark never moves backwards. */
  public boolean clearMarkWouldAdvance(long seq) {
    return seq > clearedSeq;
  }

  /**
   * Clearing up to {@code seq} hides those messages from this member only and leaves nothing
   * unread; it does not move the read mark, since clearing is not reading.
   */
  public MemberState clearedUpTo(long seq) {
    if (!clearMarkWouldAdvance(seq)) {
      throw new IllegalArgumentException("a clear mark never moves backwards");
    }
    return new MemberState(readSeq, seq, 0, deliveredSeq, archivedSeq);
  }

  /** A message from the other side arrives: one more unread. */
  public MemberState withOneMoreUnread() {
    return new MemberState(readSeq, clearedSeq, unread + 1, deliveredSeq, archivedSeq);
  }

  /** The first seq after this member's clear mark, where their history starts. */
  public long firstVisibleSeq() {
    return clearedSeq + 1;
  }
}
