package io.chat.domain.chat;

import io.chat.domain.group.Group;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.NotAGroupException;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat, of any type: its id and type, the last {@code seq} handed out and the last entry of its
 * timeline. A chat of two (a user chat or a support chat) also holds its pair, both members' marks
 * and (for support chats) the support desk's state; a group holds its {@link Group} state, and its
 * members are {@link io.chat.domain.group.Membership}s, kept apart so that a send touches none.
 */
public final class Chat {
  private final ChatId id;
  private final ChatType type;
  private final Optional<PairKey> pair;
  private final long lastSeq;
  private final Optional<Message> lastMessage;
  private final Map<UserId, MemberState> members;
  private final Optional<SupportState> support;
  private final Optional<Group> group;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final long lastChange;

  private Chat(
      ChatId id,
      ChatType type,
      Optional<PairKey> pair,
      long lastSeq,
      Optional<Message> lastMessage,
      Map<UserId, MemberState> members,
      Optional<SupportState> support,
      Optional<Group> group,
      Instant createdAt,
      Instant updatedAt,
      long lastChange) {
    this.id = Objects.requireNonNull(id, "id");
    this.type = Objects.requireNonNull(type, "type");
    this.pair = Objects.requireNonNull(pair, "pair");
    this.group = Objects.requireNonNull(group, "group");
    if ((type == ChatType.GROUP) != group.isPresent() || group.isPresent() == pair.isPresent()) {
      throw new IllegalArgumentException("a group has group state and no pair, any other a pair");
    }
    this.lastMessage = Objects.requireNonNull(lastMessage, "lastMessage");
    this.support = Objects.requireNonNull(support, "support");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    if (lastSeq < 0 || lastChange < 0) {
      throw new IllegalArgumentException("lastSeq and lastChange are never negative");
    }
    this.lastChange = lastChange;
    if (lastMessage.isPresent()
        && (lastMessage.get().seq() != lastSeq || !lastMessage.get().chatId().equals(id))) {
      throw new IllegalArgumentException("the last message is the chat's message at lastSeq");
    }
    if ((type == ChatType.ADMIN_SUPPORT) != support.isPresent()) {
      throw new IllegalArgumentException("support state belongs to support chats only");
    }
    Map<UserId, MemberState> copy = new HashMap<>();
    members.forEach(
        (user, state) -> {
          if (pair.isEmpty() || !pair.get().contains(user)) {
            throw new IllegalArgumentException("member state belongs to participants only");
          }
          copy.put(user, Objects.requireNonNull(state));
        });
    this.lastSeq = lastSeq;
    this.members = Map.copyOf(copy);
  }

  /**
   * Starts the chat of two users: a support chat when one of them is the desk (about {@code
   * relatedEntity}), else a user chat.
   */
  public static Chat start(
      ChatId id,
      UserId a,
      UserId b,
      SupportDesk desk,
      Optional<RelatedEntity> relatedEntity,
      Instant now) {
    PairKey pair = PairKey.of(a, b);
    ChatType type = desk.chatTypeBetween(a, b);
    Optional<SupportState> support =
        type == ChatType.ADMIN_SUPPORT
            ? Optional.of(SupportState.opened(relatedEntity))
            : Optional.empty();
    return new Chat(
        id,
        type,
        Optional.of(pair),
        0,
        Optional.empty(),
        Map.of(),
        support,
        Optional.empty(),
        now,
        now,
        0);
  }

  /** Starts a group with no member yet: its first entry adds them. */
  public static Chat startGroup(
      ChatId id, GroupProfile profile, boolean onlyAdminsSend, Instant now) {
    return new Chat(
        id,
        ChatType.GROUP,
        Optional.empty(),
        0,
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.of(new Group(profile, onlyAdminsSend, 0)),
        now,
        now,
        0);
  }

  /** Rebuilds a stored chat of two, checking the same invariants as when it was made. */
  public static Chat restore(
      ChatId id,
      ChatType type,
      PairKey pair,
      long lastSeq,
      Optional<Message> lastMessage,
      Map<UserId, MemberState> members,
      Optional<SupportState> support,
      Instant createdAt,
      Instant updatedAt) {
    return new Chat(
        id,
        type,
        Optional.of(pair),
        lastSeq,
        lastMessage,
        members,
        support,
        Optional.empty(),
        createdAt,
        updatedAt,
        0);
  }

  /** Rebuilds a stored group, checking the same invariants as when it was made. */
  public static Chat restoreGroup(
      ChatId id,
      long lastSeq,
      Optional<Message> lastMessage,
      Group group,
      Instant createdAt,
      Instant updatedAt) {
    return new Chat(
        id,
        ChatType.GROUP,
        Optional.empty(),
        lastSeq,
        lastMessage,
        Map.of(),
        Optional.empty(),
        Optional.of(group),
        createdAt,
        updatedAt,
        0);
  }

  public ChatId id() {
    return id;
  }

  public ChatType type() {
    return type;
  }

  /** The pair of a chat of two; a group has none. */
  public PairKey pair() {
    return pair.orElseThrow(() -> new IllegalStateException("a group has no pair"));
  }

  /** The two users of a chat of two; none for a group, whose members are memberships. */
  public List<UserId> participants() {
    return pair.map(PairKey::members).orElse(List.of());
  }

  public Optional<Group> group() {
    return group;
  }

  /** The group state of a group chat; refuses any other chat. */
  public Group requireGroup() {
    return group.orElseThrow(NotAGroupException::new);
  }

  public boolean isGroup() {
    return type == ChatType.GROUP;
  }

  public long lastSeq() {
    return lastSeq;
  }

  /**
   * The chat's latest change number: every revision of one of its messages (an edit, a deletion, a
   * reaction, a pin) takes the next one. A client holding the chat up to a change number catches up
   * with the messages revised after it.
   */
  public long lastChange() {
    return lastChange;
  }

  /** The chat as stored with its change number (0 for a chat never revised). */
  public Chat withLastChange(long change) {
    return new Chat(
        id,
        type,
        pair,
        lastSeq,
        lastMessage,
        members,
        support,
        group,
        createdAt,
        updatedAt,
        change);
  }

  /** The chat after its last message was revised (edited or deleted) at {@code change}. */
  public Chat withRevisedLast(Message revised) {
    if (lastMessage.isEmpty() || lastMessage.get().seq() != revised.seq()) {
      throw new IllegalArgumentException("only the last message is replaced");
    }
    return new Chat(
        id,
        type,
        pair,
        lastSeq,
        Optional.of(revised),
        members,
        support,
        group,
        createdAt,
        updatedAt,
        Math.max(lastChange, revised.change()));
  }

  public Optional<Message> lastMessage() {
    return lastMessage;
  }

  public Map<UserId, MemberState> members() {
    return members;
  }

  public Optional<SupportState> support() {
    return support;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public boolean isSupport() {
    return type == ChatType.ADMIN_SUPPORT;
  }

  public boolean hasParticipant(UserId user) {
    return pair.isPresent() && pair.get().contains(user);
  }

  /** Only the two participants act in a chat. */
  public void requireParticipant(UserId user) {
    if (!hasParticipant(user)) {
      throw new NotAParticipantException();
    }
  }

  /** The participant who is not {@code user}. */
  public UserId otherThan(UserId user) {
    return pair().other(user);
  }

  /** A participant's marks; a participant who never acted has all marks at zero. */
  public MemberState member(UserId user) {
    requireParticipant(user);
    return members.getOrDefault(user, MemberState.NEW);
  }

  /** The unread count a participant sees. */
  public long unreadFor(UserId user) {
    return member(user).unread();
  }

  /**
   * A message is seen, from the viewer's point of view, when its reader's read mark reached it: for
   * the viewer's own message the reader is the other side, for the other side's it is the viewer.
   */
  public boolean isSeen(Message message, UserId viewer) {
    UserId reader = message.isFrom(viewer) ? otherThan(viewer) : viewer;
    return member(reader).hasSeen(message.seq());
  }

  /**
   * A message is delivered, from the viewer's point of view, when one of its reader's devices
   * received it (or the reader read it): the reader as for {@link #isSeen}.
   */
  public boolean isDelivered(Message message, UserId viewer) {
    UserId reader = message.isFrom(viewer) ? otherThan(viewer) : viewer;
    return member(reader).hasDelivered(message.seq());
  }

  /**
   * A participant sees the last message unless they cleared the history past it or deleted it for
   * themselves.
   */
  public Optional<Message> lastMessageFor(UserId viewer) {
    long cleared = member(viewer).clearedSeq();
    return lastMessage.filter(m -> m.seq() > cleared && !m.isHiddenFor(viewer));
  }

  /** A chat with no message yet is not listed: it is only a place where a message may come. */
  public boolean hasMessages() {
    return lastSeq > 0;
  }

  /**
   * The support status after a message from {@code sender} (none for a user chat): staff's answer
   * waits, a user's opens.
   */
  public Optional<SupportStatus> supportStatusAfterMessageFrom(UserId sender, SupportDesk desk) {
    return isSupport() ? Optional.of(desk.statusAfterMessageFrom(sender)) : Optional.empty();
  }

  /**
   * The state of the chat after a message took the next seq, as the store records it: the message
   * is the last one, one more unread for the recipient, and the support status as given.
   */
  public Chat withMessage(Message message, Optional<SupportStatus> supportStatus) {
    if (message.seq() != lastSeq + 1 || !message.chatId().equals(id)) {
      throw new IllegalArgumentException("a message takes the next seq of its own chat");
    }
    if (supportStatus.isPresent() != isSupport()) {
      throw new IllegalArgumentException("support chats, and only they, get a status");
    }
    Map<UserId, MemberState> next = new HashMap<>(members);
    if (!isGroup()) {
      requireParticipant(message.sender());
      UserId recipient = otherThan(message.sender());
      next.put(recipient, member(recipient).withOneMoreUnread());
    }
    return new Chat(
        id,
        type,
        pair,
        message.seq(),
        Optional.of(message),
        next,
        support.map(s -> s.withStatus(supportStatus.orElseThrow())),
        group,
        createdAt,
        message.createdAt().isAfter(updatedAt) ? message.createdAt() : updatedAt,
        lastChange);
  }

  /** The state of the chat with one member's marks replaced. */
  public Chat withMember(UserId user, MemberState state) {
    requireParticipant(user);
    Map<UserId, MemberState> next = new HashMap<>(members);
    next.put(user, state);
    return new Chat(
        id,
        type,
        pair,
        lastSeq,
        lastMessage,
        next,
        support,
        group,
        createdAt,
        updatedAt,
        lastChange);
  }

  /** The state of a group with new group-wide state; not activity by itself. */
  public Chat withGroup(Group next) {
    requireGroup();
    return new Chat(
        id,
        type,
        pair,
        lastSeq,
        lastMessage,
        members,
        support,
        Optional.of(next),
        createdAt,
        updatedAt,
        lastChange);
  }

  /** The state of a support chat with new support fields; support changes are not activity. */
  public Chat withSupport(SupportState state) {
    if (!isSupport()) {
      throw new NotSupportChatException();
    }
    return new Chat(
        id,
        type,
        pair,
        lastSeq,
        lastMessage,
        members,
        Optional.of(state),
        group,
        createdAt,
        updatedAt,
        lastChange);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Chat other
        && id.equals(other.id)
        && type == other.type
        && pair.equals(other.pair)
        && lastSeq == other.lastSeq
        && lastMessage.equals(other.lastMessage)
        && members.equals(other.members)
        && support.equals(other.support)
        && group.equals(other.group)
        && createdAt.equals(other.createdAt)
        && updatedAt.equals(other.updatedAt)
        && lastChange == other.lastChange;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, lastSeq, updatedAt);
  }

  @Override
  public String toString() {
    return "Chat["
        + id
        + ", "
        + type.wire()
        + pair.map(p -> ", " + p).orElse("")
        + ", lastSeq="
        + lastSeq
        + "]";
  }
}
