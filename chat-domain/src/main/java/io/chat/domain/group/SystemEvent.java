package io.chat.domain.group;

import io.chat.domain.call.CallEntry;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a system entry of a group's timeline tells, as data for every client to render in its own
 * words: who did it ({@code actor}), to whom ({@code subjects}), and for some types a role, the new
 * name, or which profile fields and settings changed. No free text. The one kind that is not a
 * group's, {@link Type#CALL}, is the log of a call in a chat of two: its {@link CallEntry}.
 */
public record SystemEvent(
    Type type,
    UserId actor,
    List<UserId> subjects,
    Optional<GroupRole> role,
    Optional<String> name,
    List<String> changed,
    Optional<CallEntry> call) {

  /** The kinds of system entry, each with its wire name. */
  public enum Type {
    GROUP_CREATED("group_created"),
    MEMBERS_ADDED("members_added"),
    MEMBER_REMOVED("member_removed"),
    MEMBER_LEFT("member_left"),
    ROLE_CHANGED("role_changed"),
    OWNER_CHANGED("owner_changed"),
    GROUP_UPDATED("group_updated"),
    CALL("call");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Type fromWire(String wire) {
      for (Type type : values()) {
        if (type.wire.equals(wire)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown system event " + wire);
    }
  }

  public SystemEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(call, "call");
    subjects = List.copyOf(subjects);
    changed = List.copyOf(changed);
    if ((type == Type.CALL) != call.isPresent()) {
      throw new IllegalArgumentException("a call entry, and only it, has a call");
    }
  }

  /** A group's entry (any type but {@link Type#CALL}). */
  public SystemEvent(
      Type type,
      UserId actor,
      List<UserId> subjects,
      Optional<GroupRole> role,
      Optional<String> name,
      List<String> changed) {
    this(type, actor, subjects, role, name, changed, Optional.empty());
  }

  /** The log of an ended call, told by its caller about its callee. */
  public static SystemEvent call(CallEntry call) {
    return new SystemEvent(
        Type.CALL,
        call.caller(),
        List.of(call.callee()),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.of(call));
  }

  public static SystemEvent created(UserId owner, String name, List<UserId> members) {
    return new SystemEvent(
        Type.GROUP_CREATED, owner, members, Optional.empty(), Optional.of(name), List.of());
  }

  public static SystemEvent added(UserId actor, List<UserId> members) {
    return of(Type.MEMBERS_ADDED, actor, members);
  }

  public static SystemEvent removed(UserId actor, UserId member) {
    return of(Type.MEMBER_REMOVED, actor, List.of(member));
  }

  /** {@code member} left; when they owned the group, {@code heir} owns it now. */
  public static SystemEvent left(UserId member, Optional<UserId> heir) {
    return new SystemEvent(
        Type.MEMBER_LEFT,
        member,
        heir.map(List::of).orElse(List.of()),
        heir.map(h -> GroupRole.OWNER),
        Optional.empty(),
        List.of());
  }

  public static SystemEvent roleChanged(UserId actor, UserId member, GroupRole role) {
    return new SystemEvent(
        Type.ROLE_CHANGED, actor, List.of(member), Optional.of(role), Optional.empty(), List.of());
  }

  public static SystemEvent ownerChanged(UserId previous, UserId next) {
    return new SystemEvent(
        Type.OWNER_CHANGED,
        previous,
        List.of(next),
        Optional.of(GroupRole.OWNER),
        Optional.empty(),
        List.of());
  }

  /** Profile fields or settings changed; {@code name} is the new name when it is among them. */
  public static SystemEvent updated(UserId actor, List<String> changed, Optional<String> name) {
    return new SystemEvent(Type.GROUP_UPDATED, actor, List.of(), Optional.empty(), name, changed);
  }

  private static SystemEvent of(Type type, UserId actor, List<UserId> subjects) {
    return new SystemEvent(type, actor, subjects, Optional.empty(), Optional.empty(), List.of());
  }
}
