package io.chat.application.port.in;

import io.chat.domain.group.GroupRole;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Inbound port: managing groups. Every operation is by a member ({@code me}) on a group by id, and
 * each change that members should see in order is also a system entry of the group's timeline.
 * Refusals: {@code NOT_FOUND} (no such group, or never a member), {@code NOT_A_MEMBER} (a former
 * member acting), {@code FORBIDDEN} (the role does not allow it), {@code GROUP_FULL}, {@code
 * BLOCKED} (adding someone blocked either way), {@code INVALID_ARGUMENT}.
 */
public interface ManageGroupUseCase {

  CompletionStage<ChatView> create(CreateGroup command);

  CompletionStage<ChatView> update(UserId me, ChatId group, GroupChange change);

  /** Adds users (current members are skipped); answers the members added. */
  CompletionStage<List<UserId>> addMembers(UserId me, ChatId group, List<UserId> users);

  CompletionStage<Void> removeMember(UserId me, ChatId group, UserId member);

  CompletionStage<Void> setRole(UserId me, ChatId group, UserId member, GroupRole role);

  CompletionStage<Void> handOver(UserId me, ChatId group, UserId newOwner);

  CompletionStage<Void> leave(UserId me, ChatId group);

  /** A former member deletes the group from their list. */
  CompletionStage<Void> hide(UserId me, ChatId group);

  CompletionStage<MemberPage> members(UserId me, ChatId group, PageRequest page);
}
