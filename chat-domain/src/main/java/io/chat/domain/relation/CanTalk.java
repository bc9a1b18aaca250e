package io.chat.domain.relation;

import io.chat.domain.chat.ChatWithSelfException;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether two users may exchange anything at all (messages, typing, marks, mutes, presence, a place
 * in each other's chat list): two different users, neither of whom blocks the other. That the other
 * exists is the directory's to say.
 */
public final class CanTalk {
  private CanTalk() {}

  /** Nobody talks to themselves. */
  public static void requireNotSelf(UserId me, UserId other) {
    if (me.equals(other)) {
      throw new ChatWithSelfException();
    }
  }

  /** Nothing passes between two users while either blocks the other. */
  public static void requireUnblocked(boolean blockedEitherWay) {
    if (blockedEitherWay) {
      throw new BlockedException();
    }
  }

  /**
   * Of {@code others}, those {@code user} talks with: never themselves, nobody blocked either way.
   */
  public static Set<UserId> among(
      UserId user, Collection<UserId> others, Set<UserId> blockedEitherWay) {
    Set<UserId> talking = new HashSet<>(others);
    talking.removeAll(blockedEitherWay);
    talking.remove(user);
    return Set.copyOf(talking);
  }

  /**
   * A user's chat list leaves out the chat with everybody blocked either way (unblocking lists it
   * again, history and all): the other sides whose chats are left out.
   */
  public static Set<UserId> unlisted(Set<UserId> blockedEitherWay) {
    return Set.copyOf(blockedEitherWay);
  }
}
