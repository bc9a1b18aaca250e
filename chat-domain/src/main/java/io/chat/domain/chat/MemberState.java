package io.chat.domain.chat;

/**
 * One participant's marks in a chat, all watermarks over {@code seq}: everything up to {@code
 * readSeq} is read, everything up to {@code clearedSeq} is cleared from their view; {@code unread}
 * counts the other side's messages after the read mark that they can still see.
 */
public record MemberState(long readSeq, long clearedSeq, long unread) {
  public static final MemberState NEW = new MemberState(0, 0, 0);

  public MemberState {
    if (readSeq < 0 || clearedSeq < 0 || unread < 0) {
      throw new IllegalArgumentException("marks and counters are never negative");
    }
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
    return new MemberState(seq, clearedSeq, unreadAfter);
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
    return new MemberState(readSeq, seq, 0);
  }

  /** A message from the other side arrives: one more unread. */
  public MemberState withOneMoreUnread() {
    return new MemberState(readSeq, clearedSeq, unread + 1);
  }

  /** The first seq after this member's clear mark, where their history starts. */
  public long firstVisibleSeq() {
    return clearedSeq + 1;
  }
}
