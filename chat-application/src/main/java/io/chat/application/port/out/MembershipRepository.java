package io.chat.application.port.out;

import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the members of groups, one record per group and user (current or former), kept
 * apart from the chat so that a send writes none of them. Marks move by {@code $max}-like steps:
 * one small write whatever the group's size, never backwards.
 */
public interface MembershipRepository {

  CompletionStage<Optional<Membership>> find(ChatId chat, UserId user);

  /**
   * Stores each membership, replacing the stored one of the same group and user: for joins (a
   * former member who joins again starts afresh).
   */
  CompletionStage<Void> saveAll(List<Membership> memberships);

  /**
   * Sets a current member's role, and nothing else (their marks move apart); answers whether they
   * were a current member.
   */
  CompletionStage<Boolean> setRole(ChatId chat, UserId user, GroupRole role);

  /**
   * A current member leaves (or is removed) at {@code seq}: their role becomes {@code member} and
   * nothing else changes; answers whether they were a current member.
   */
  CompletionStage<Boolean> leave(ChatId chat, UserId user, long seq);

  /** A former member hides the group from their list; answers whether they were a former member. */
  CompletionStage<Boolean> hide(ChatId chat, UserId user);

  /** The group's current members, by user id. */
  CompletionStage<List<Membership>> current(ChatId chat);

  /** A page of the group's current members, by user id, strictly after {@code after}. */
  CompletionStage<List<Membership>> currentPage(ChatId chat, Optional<UserId> after, int limit);

  /** How many current members the group has. */
  CompletionStage<Integer> countCurrent(ChatId chat);

  /**
   * The groups {@code user} is in, or was in and still lists (not hidden): the ids the chat list
   * looks up.
   */
  CompletionStage<List<ChatId>> listedGroupsOf(UserId user);

  /**
   * Moves the member's read mark up to {@code seq} (never backwards) and answers the membership as
   * it was before; empty when there is no such membership.
   */
  CompletionStage<Optional<Membership>> advanceRead(ChatId chat, UserId user, long seq);

  /** Moves the member's clear mark up to {@code seq} (never backwards); answers as before. */
  CompletionStage<Optional<Membership>> advanceCleared(ChatId chat, UserId user, long seq);

  /**
   * Moves the member's delivered mark up to {@code seq} (never backwards) and answers the
   * membership as it was before; empty when there is no such membership.
   */
  CompletionStage<Optional<Membership>> advanceDelivered(ChatId chat, UserId user, long seq);

  /** Sets the member's archive mark ({@code seq} 0: not archived); false when no such member. */
  CompletionStage<Boolean> setArchived(ChatId chat, UserId user, long seq);

  /**
   * The members (current or former) other than {@code except} whose read mark or delivered mark is
   * at {@code fromSeq} or beyond: what decides whether the messages of a page from {@code fromSeq}
   * on are delivered and seen (a member's marks count only for what they could see, from their join
   * on).
   */
  CompletionStage<List<Membership>> readingFrom(ChatId chat, long fromSeq, UserId except);

  /**
   * Members (current or former) other than {@code except} whose read mark reached {@code seq} and
   * who joined at or before it, by user id, strictly after {@code after}.
   */
  CompletionStage<List<Membership>> readers(
      ChatId chat, long seq, UserId except, Optional<UserId> after, int limit);
}
