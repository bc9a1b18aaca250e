package io.chat.domain.relation;

import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * One user's block of another. A block is directional and private to the blocker; while either side
 * blocks the other, the two exchange nothing at all ({@link CanTalk}).
 */
public record Block(UserId blocker, UserId blocked, Instant createdAt) {
  public Block {
    Objects.requireNonNull(blocker, "blocker");
    Objects.requireNonNull(blocked, "blocked");
    Objects.requireNonNull(createdAt, "createdAt");
    if (blocker.equals(blocked)) {
      throw new InvalidArgumentException("You cannot block yourself");
    }
  }

  /** A user blocks another; nobody blocks themselves, and nobody blocks the support desk. */
  public static Block of(UserId blocker, UserId blocked, SupportDesk desk, Instant now) {
    desk.requireNotInBlock(blocker, blocked);
    return new Block(blocker, blocked, now);
  }
}
