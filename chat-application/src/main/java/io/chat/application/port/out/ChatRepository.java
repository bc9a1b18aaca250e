package io.chat.application.port.out;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.message.Message;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the chats. One chat exists per type and pair, whatever the concurrency; the
 * per-chat {@code seq} is handed out atomically, and member marks change by compare-and-set. A
 * group is found by its id only; its members are a {@link MembershipRepository}'s.
 */
public interface ChatRepository {

  CompletionStage<Optional<Chat>> findById(ChatId id);

  CompletionStage<Optional<Chat>> findByPair(ChatType type, PairKey pair);

  /**
   * Stores {@code candidate} unless a chat of its type and pair exists, and answers the chat that
   * is stored: concurrent calls for one pair all answer the same chat.
   */
  CompletionStage<Chat> findOrCreate(Chat candidate);

  /**
   * In one atomic step: creates the chat from {@code ifAbsent} when none of its type and pair
   * exists (for a group: none with its id), takes the next {@code seq}, makes {@code message} the
   * last message at that seq, counts it unread for the recipient (a chat of two only), moves {@code
   * updatedAt} to the message's time (never backwards) and, for a support chat, sets {@code
   * supportStatus}. Answers the chat after the step, whose {@code lastSeq} is the message's seq.
   */
  CompletionStage<Chat> recordMessage(
      Chat ifAbsent, NewMessage message, Optional<SupportStatus> supportStatus);

  /**
   * Replaces one member's marks with {@code next}, but only while the chat is still at {@code
   * expectedLastSeq} and the member's marks are still {@code expected}; answers whether it did.
   */
  CompletionStage<Boolean> compareAndSetMember(
      ChatId id, UserId member, long expectedLastSeq, MemberState expected, MemberState next);

  /**
   * Records that a message of the chat was revised at {@code change}: moves the chat's {@code
   * lastChange} up to it (never down) and, when {@code revisedLast} is given and is still the
   * chat's last message (same seq), makes it the last message, so that lists preview the edit or
   * the deletion. Not activity: {@code updatedAt} stays. One write of one chat.
   */
  CompletionStage<Void> recordRevision(ChatId id, long change, Optional<Message> revisedLast);

  /**
   * Moves one participant's delivered mark up to {@code seq} (never backwards), whatever the chat's
   * other state; answers whether it moved. One write.
   */
  CompletionStage<Boolean> advanceDelivered(ChatId id, UserId member, long seq);

  /** Sets one participant's archive mark ({@code seq} 0: not archived); false when no such chat. */
  CompletionStage<Boolean> setArchived(ChatId id, UserId member, long seq);

  /** Applies a change to a support chat's support fields; empty when there is no such chat. */
  CompletionStage<Optional<Chat>> updateSupport(ChatId id, SupportChange change);

  /** Replaces a group's group-wide state (profile, settings, member count); empty when none. */
  CompletionStage<Optional<Chat>> updateGroup(ChatId id, Group group);

  /**
   * A user's chats of two that have at least one message and whose other participant is not in
   * {@code excludedPartners}, latest activity first ({@code updatedAt} then id, both descending),
   * those strictly after {@code after} in that order, at most {@code limit}.
   */
  default CompletionStage<List<Chat>> listForUser(
      UserId user, Set<UserId> excludedPartners, Optional<ChatCursor> after, int limit) {
    return listForUser(user, PAIR_TYPES, excludedPartners, after, limit);
  }

  /** The chats of two: what the pair routes list. */
  Set<ChatType> PAIR_TYPES = Set.of(ChatType.USER_CHAT, ChatType.ADMIN_SUPPORT);

  /**
   * As {@link #listForUser(UserId, Set, Optional, int)}, of the given types, groups among them: the
   * groups the user is in or was in and did not hide ({@link MembershipRepository#listedGroupsOf}).
   */
  CompletionStage<List<Chat>> listForUser(
      UserId user,
      Set<ChatType> types,
      Set<UserId> excludedPartners,
      Optional<ChatCursor> after,
      int limit);

  /**
   * Support chats (with or without messages), optionally of one status, in the order and paging of
   * {@link #listForUser}.
   */
  CompletionStage<List<Chat>> listSupport(
      Optional<SupportStatus> status, Optional<ChatCursor> after, int limit);

  /** Every user who shares a chat of two (of either type) with {@code user}. */
  CompletionStage<Set<UserId>> partnersOf(UserId user);
}
