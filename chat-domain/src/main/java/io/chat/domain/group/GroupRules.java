package io.chat.domain.group;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Who may do what in a group. Owners and admins edit the group and add members; the owner removes
 * anyone, an admin removes members only; only the owner changes roles and hands ownership over;
 * anyone leaves, and when the owner leaves the longest-standing admin owns the group, else the
 * longest-standing member. In an announcement group only owners and admins send. The limits are the
 * configured group size and how many members one request adds.
 */
public final class GroupRules {
  public static final int DEFAULT_MAX_MEMBERS = 1_000;
  public static final int DEFAULT_MAX_ADDED_PER_REQUEST = 100;
  public static final int DEFAULT_PRESENCE_GROUP_SIZE = 100;

  /** Longest-standing first: the earliest join, then the earliest time, then the id. */
  static final Comparator<Membership> SENIORITY =
      Comparator.comparingLong(Membership::joinedSeq)
          .thenComparing(Membership::joinedAt)
          .thenComparing(Membership::user);

  private final int maxMembers;
  private final int maxAddedPerRequest;
  private final int presenceGroupSize;

  public GroupRules(int maxMembers, int maxAddedPerRequest) {
    this(maxMembers, maxAddedPerRequest, DEFAULT_PRESENCE_GROUP_SIZE);
  }

  /**
   * {@code presenceGroupSize}: members of groups up to this size see each other's presence (0:
   * none); larger groups answer a count of members online instead.
   */
  public GroupRules(int maxMembers, int maxAddedPerRequest, int presenceGroupSize) {
    if (maxMembers < 2 || maxAddedPerRequest < 1 || presenceGroupSize < 0) {
      throw new IllegalArgumentException("a group holds at least two, a request adds at least one");
    }
    this.maxMembers = maxMembers;
    this.maxAddedPerRequest = maxAddedPerRequest;
    this.presenceGroupSize = presenceGroupSize;
  }

  public static GroupRules defaults() {
    return new GroupRules(
        DEFAULT_MAX_MEMBERS, DEFAULT_MAX_ADDED_PER_REQUEST, DEFAULT_PRESENCE_GROUP_SIZE);
  }

  /** Whether the members of a group of {@code memberCount} see each other's presence. */
  public boolean sharesPresence(int memberCount) {
    return memberCount <= presenceGroupSize;
  }

  public int presenceGroupSize() {
    return presenceGroupSize;
  }

  public int maxMembers() {
    return maxMembers;
  }

  public int maxAddedPerRequest() {
    return maxAddedPerRequest;
  }

  /** The member acting; a former member or a stranger acts in nothing. */
  public static Membership requireCurrent(Optional<Membership> membership) {
    return membership.filter(Membership::isCurrent).orElseThrow(NotAMemberException::new);
  }

  /** A member sends, unless the group is an announcement group and they do not manage it. */
  public static void requireCanSend(Group group, Membership sender) {
    requireCurrentMember(sender);
    if (group.onlyAdminsSend() && !sender.role().manages()) {
      throw new RoleRequiredException("Only admins can send messages in this group");
    }
  }

  /** Editing the group, its settings, and adding members take an owner or an admin. */
  public static void requireManager(Membership actor) {
    requireCurrentMember(actor);
    if (!actor.role().manages()) {
      throw new RoleRequiredException("Only the group's owner and admins can do this");
    }
  }

  /**
   * A request adds 1 to the per-request limit of new members, and the group stays within its size
   * ({@code created}: the creator counts too).
   */
  public void requireRoomFor(int currentMembers, int adding) {
    if (adding > maxAddedPerRequest) {
      throw new InvalidArgumentException(
          "A request adds at most " + maxAddedPerRequest + " members");
    }
    if ((long) currentMembers + adding > maxMembers) {
      throw new GroupFullException(maxMembers);
    }
  }

  /** The owner removes anyone else; an admin removes members; nobody removes themselves. */
  public static void requireCanRemove(Membership actor, Membership target) {
    requireManager(actor);
    requireCurrentMember(target);
    if (actor.user().equals(target.user())) {
      throw new InvalidArgumentException("To leave the group, leave it");
    }
    if (target.role() == GroupRole.OWNER
        || (target.role() == GroupRole.ADMIN && actor.role() != GroupRole.OWNER)) {
      throw new RoleRequiredException("Only the owner can remove an admin, and nobody the owner");
    }
  }

  /** Only the owner makes members admins and admins members; ownership is handed over instead. */
  public static void requireCanSetRole(Membership actor, Membership target, GroupRole role) {
    requireOwner(actor);
    requireCurrentMember(target);
    if (role == GroupRole.OWNER) {
      throw new InvalidArgumentException("Hand ownership over with the owner route");
    }
    if (actor.user().equals(target.user())) {
      throw new InvalidArgumentException("The owner's own role changes by handing ownership over");
    }
  }

  /** Only the owner hands ownership over, to another current member. */
  public static void requireCanHandOver(Membership actor, Membership target) {
    requireOwner(actor);
    requireCurrentMember(target);
    if (actor.user().equals(target.user())) {
      throw new InvalidArgumentException("You own this group already");
    }
  }

  /**
   * Who owns the group after {@code leaving} leaves, when they own it: the longest-standing admin,
   * else the longest-standing member; empty when nobody is left or they did not own it.
   */
  public static Optional<Membership> heirWhenLeaving(
      Membership leaving, Collection<Membership> members) {
    if (leaving.role() != GroupRole.OWNER) {
      return Optional.empty();
    }
    Optional<Membership> others =
        members.stream()
            .filter(m -> m.isCurrent() && !m.user().equals(leaving.user()))
            .filter(m -> m.role() == GroupRole.ADMIN)
            .min(SENIORITY);
    return others.isPresent()
        ? others
        : members.stream()
            .filter(m -> m.isCurrent() && !m.user().equals(leaving.user()))
            .min(SENIORITY);
  }

  private static void requireOwner(Membership actor) {
    requireCurrentMember(actor);
    if (actor.role() != GroupRole.OWNER) {
      throw new RoleRequiredException("Only the group's owner can do this");
    }
  }

  private static void requireCurrentMember(Membership membership) {
    if (!membership.isCurrent()) {
      throw new NotAMemberException();
    }
  }
}
