package io.chat.domain.chat;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.ImpersonationException;
import io.chat.domain.user.NameSkeleton;
import io.chat.domain.user.SystemUser;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.Objects;

/**
 * The support desk: the system user's side of every support chat. Each way in which the desk is not
 * a user like the others is one rule here.
 */
public record SupportDesk(SystemUser user) {
  public SupportDesk {
    Objects.requireNonNull(user, "user");
  }

  /** The desk of the default system user. */
  public static SupportDesk defaults() {
    return new SupportDesk(SystemUser.defaults());
  }

  /** The desk's user id: the sender of staff's answers, and the viewer of staff's lists. */
  public UserId id() {
    return user.id();
  }

  /** Whether {@code someone} is the desk. */
  public boolean is(UserId someone) {
    return user.is(someone);
  }

  /**
   * Nobody acts as the desk on their own account: its id is never an identity (staff speak as it
   * through the admin operations only).
   */
  public void requireNotImpersonatedBy(UserId actor) {
    if (is(actor)) {
      throw new ImpersonationException();
    }
  }

  /** The desk shows with its configured name, always verified: it is never looked up. */
  public UserProfile profile() {
    return user.profile();
  }

  /**
   * The desk's name is the desk's alone: a user's name that reads the same (case, spacing, accents,
   * look-alike characters of other scripts, see {@link NameSkeleton}) is not theirs to take.
   */
  public boolean isLookAlikeName(String name) {
    return NameSkeleton.of(name).equals(NameSkeleton.of(user.displayName()));
  }

  /**
   * A user's profile as others see it: one that passes for the desk (stored before the name was
   * reserved) shows with the neutral name a user without one gets.
   */
  public UserProfile shown(UserProfile profile) {
    return !is(profile.id()) && isLookAlikeName(profile.fullName())
        ? UserProfile.placeholder(profile.id())
        : profile;
  }

  /** A chat with the desk is the user's support chat; any other pair is a user chat. */
  public ChatType chatTypeBetween(UserId a, UserId b) {
    return is(a) || is(b) ? ChatType.ADMIN_SUPPORT : ChatType.USER_CHAT;
  }

  /** A message from the desk is staff's answer; a message from anybody else is the user's. */
  public SupportStatus statusAfterMessageFrom(UserId sender) {
    return is(sender) ? SupportStatus.afterStaffMessage() : SupportStatus.afterUserMessage();
  }

  /** What the desk's side of a chat is to hear goes to the staff room, not to a user's devices. */
  public boolean isHeardByStaff(UserId participant) {
    return is(participant);
  }

  /** The desk has no presence: it is never online to anybody, nor asked whether it is. */
  public boolean hasPresence(UserId someone) {
    return !is(someone);
  }

  /** The desk never gets pushes: staff follow support chats in the staff room. */
  public boolean getsPushes(UserId recipient) {
    return !is(recipient);
  }

  /** The desk mutes nothing: it gets no pushes to silence. */
  public boolean mutes(UserId someone) {
    return !is(someone);
  }

  /** Nobody blocks the desk, and the desk blocks nobody: a user's way to support stays open. */
  public void requireNotInBlock(UserId blocker, UserId blocked) {
    if (is(blocked) || is(blocker)) {
      throw new InvalidArgumentException("The support desk cannot be blocked");
    }
  }

  /** The desk answers support chats only: it is in no group. */
  public void requireNotInGroup(UserId someone) {
    if (is(someone)) {
      throw new InvalidArgumentException("The support desk cannot be a group member");
    }
  }
}
