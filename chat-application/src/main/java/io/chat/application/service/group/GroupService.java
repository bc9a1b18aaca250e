package io.chat.application.service.group;

import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.CreateGroup;
import io.chat.application.port.in.GroupChange;
import io.chat.application.port.in.ManageGroupUseCase;
import io.chat.application.port.in.MemberPage;
import io.chat.application.port.in.MemberView;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.presence.Partners;
import io.chat.application.service.relation.Blocks;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.Group;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.GroupRules;
import io.chat.domain.group.Membership;
import io.chat.domain.group.NotAMemberException;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.NewMessage;
import io.chat.domain.relation.BlockedException;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Creates and manages groups by the {@link GroupRules}. Every change runs in turn with the group's
 * sends ({@link GroupTimeline}), so that it takes its place in the timeline as a system entry and
 * the members, as they are after it, hear of it in order.
 */
public final class GroupService implements ManageGroupUseCase {
  private final ChatRepository chats;
  private final MembershipRepository memberships;
  private final GroupTimeline timeline;
  private final ChatViews views;
  private final Directory directory;
  private final Blocks blocks;
  private final Broadcasts broadcasts;
  private final Partners partners;
  private final IdGenerator ids;
  private final SupportDesk desk;
  private final GroupRules rules;
  private final Clock clock;

  @Inject
  public GroupService(
      ChatRepository chats,
      MembershipRepository memberships,
      GroupTimeline timeline,
      ChatViews views,
      Directory directory,
      Blocks blocks,
      Broadcasts broadcasts,
      Partners partners,
      IdGenerator ids,
      ServiceSettings settings,
      Clock clock) {
    this.chats = chats;
    this.memberships = memberships;
    this.timeline = timeline;
    this.views = views;
    this.directory = directory;
    this.blocks = blocks;
    this.broadcasts = broadcasts;
    this.partners = partners;
    this.ids = ids;
    this.desk = settings.desk();
    this.rules = settings.groupRules();
    this.clock = clock;
  }

  @Override
  public CompletionStage<ChatView> create(CreateGroup command) {
    return Stages.defer(
        () -> {
          UserId owner = command.owner();
          desk.requireNotImpersonatedBy(owner);
          GroupProfile profile =
              new GroupProfile(command.name(), command.description(), command.avatarUrl());
          List<UserId> others = distinctOthers(command.members(), owner);
          rules.requireRoomFor(1, others.size());
          return requireAddable(owner, others)
              .thenCompose(
                  ok -> {
                    Instant now = clock.instant();
                    Chat start =
                        Chat.startGroup(ids.newChatId(), profile, command.onlyAdminsSend(), now);
                    Chat group =
                        start.withGroup(start.requireGroup().withMemberCount(others.size() + 1));
                    NewMessage entry =
                        entry(SystemEvent.created(owner, profile.name(), others), now);
                    return timeline.inTurn(
                        group.id(),
                        () ->
                            timeline.appendNow(
                                group,
                                entry,
                                seq -> {
                                  List<Membership> joined = new ArrayList<>();
                                  joined.add(
                                      Membership.joined(
                                          group.id(), owner, GroupRole.OWNER, seq, now));
                                  others.forEach(
                                      u ->
                                          joined.add(
                                              Membership.joined(
                                                  group.id(), u, GroupRole.MEMBER, seq, now)));
                                  return memberships.saveAll(joined);
                                },
                                Set.of()));
                  })
              .thenCompose(
                  appended ->
                      partners
                          .joined(appended.audience(), appended.audience(), broadcasts)
                          .thenCompose(ok -> views.view(appended.chat(), owner)));
        });
  }

  @Override
  public CompletionStage<ChatView> update(UserId me, ChatId id, GroupChange change) {
    return acting(
            id,
            me,
            (group, actor) -> {
              GroupRules.requireManager(actor);
              Group before = group.requireGroup();
              GroupProfile profile = before.profile();
              List<String> changed = new ArrayList<>();
              if (change.name().isPresent()) {
                // Compared once cleaned: a name that differs by spaces or controls is the same.
                GroupProfile next = profile.withName(change.name().get());
                if (!next.name().equals(profile.name())) {
                  profile = next;
                  changed.add("name");
                }
              }
              if (change.description().isPresent()) {
                GroupProfile next = profile.withDescription(change.description().get());
                if (!next.equals(profile)) {
                  changed.add("description");
                  profile = next;
                }
              }
              if (change.avatarUrl().isPresent()) {
                GroupProfile next = profile.withAvatarUrl(change.avatarUrl().get());
                if (!next.equals(profile)) {
                  changed.add("avatarUrl");
                  profile = next;
                }
              }
              Group after = before.withProfile(profile);
              if (change.onlyAdminsSend().isPresent()
                  && change.onlyAdminsSend().get() != before.onlyAdminsSend()) {
                after = after.withOnlyAdminsSend(change.onlyAdminsSend().get());
                changed.add("onlyAdminsSend");
              }
              if (changed.isEmpty()) {
                return Stages.done(group);
              }
              Group next = after;
              Optional<String> newName =
                  changed.contains("name") ? Optional.of(profile.name()) : Optional.empty();
              return chats
                  .updateGroup(id, next)
                  .thenCompose(
                      updated ->
                          timeline.appendNow(
                              updated.orElseThrow(),
                              entry(SystemEvent.updated(me, changed, newName)),
                              seq -> Stages.done(null),
                              Set.of()))
                  .thenApply(
                      appended -> {
                        broadcasts.toMembers(
                            new ChatEvent.GroupUpdated(id, next), appended.audience());
                        return appended.chat();
                      });
            })
        .thenCompose(chat -> views.view(chat, me));
  }

  @Override
  public CompletionStage<List<UserId>> addMembers(UserId me, ChatId id, List<UserId> users) {
    return acting(
        id,
        me,
        (group, actor) -> {
          GroupRules.requireManager(actor);
          List<UserId> asked = distinctOthers(users, me);
          rules.requireRoomFor(0, asked.size());
          return newcomers(id, asked)
              .thenCompose(
                  fresh ->
                      fresh.isEmpty()
                          ? Stages.done(fresh)
                          : requireAddable(me, fresh)
                              .thenCompose(ok -> memberships.countCurrent(id))
                              .thenCompose(
                                  count -> {
                                    rules.requireRoomFor(count, fresh.size());
                                    Instant now = clock.instant();
                                    return timeline
                                        .appendNow(
                                            group,
                                            entry(SystemEvent.added(me, fresh), now),
                                            seq ->
                                                memberships
                                                    .saveAll(
                                                        fresh.stream()
                                                            .map(
                                                                u ->
                                                                    Membership.joined(
                                                                        id,
                                                                        u,
                                                                        GroupRole.MEMBER,
                                                                        seq,
                                                                        now))
                                                            .toList())
                                                    .thenCompose(saved -> recount(group)),
                                            Set.of())
                                        .thenApply(
                                            appended -> {
                                              broadcasts.toMembers(
                                                  new ChatEvent.MembersChanged(
                                                      id, "added", me, fresh, Optional.empty()),
                                                  appended.audience());
                                              return appended;
                                            })
                                        .thenCompose(
                                            appended ->
                                                partners
                                                    .joined(fresh, appended.audience(), broadcasts)
                                                    .thenApply(ok -> fresh));
                                  }));
        });
  }

  @Override
  public CompletionStage<Void> removeMember(UserId me, ChatId id, UserId member) {
    return acting(
        id,
        me,
        (group, actor) ->
            requireCurrentMember(id, member)
                .thenCompose(
                    target -> {
                      GroupRules.requireCanRemove(actor, target);
                      return timeline.appendNow(
                          group,
                          entry(SystemEvent.removed(me, member)),
                          seq ->
                              memberships
                                  .leave(id, member, seq)
                                  .thenCompose(left -> recount(group)),
                          Set.of(member));
                    })
                .thenApply(
                    appended -> {
                      broadcasts.toMembers(
                          new ChatEvent.MembersChanged(
                              id, "removed", me, List.of(member), Optional.empty()),
                          appended.audience());
                      return appended;
                    })
                .thenCompose(appended -> partners.parted(member, appended.audience(), broadcasts)));
  }

  @Override
  public CompletionStage<Void> setRole(UserId me, ChatId id, UserId member, GroupRole role) {
    return acting(
        id,
        me,
        (group, actor) ->
            requireCurrentMember(id, member)
                .thenCompose(
                    target -> {
                      GroupRules.requireCanSetRole(actor, target, role);
                      if (target.role() == role) {
                        return Stages.done(null);
                      }
                      return timeline
                          .appendNow(
                              group,
                              entry(SystemEvent.roleChanged(me, member, role)),
                              seq -> memberships.setRole(id, member, role).thenApply(set -> null),
                              Set.of())
                          .thenApply(
                              appended -> {
                                tellRole(id, me, member, role, appended.audience());
                                return null;
                              });
                    }));
  }

  @Override
  public CompletionStage<Void> handOver(UserId me, ChatId id, UserId newOwner) {
    return acting(
        id,
        me,
        (group, actor) ->
            requireCurrentMember(id, newOwner)
                .thenCompose(
                    target -> {
                      GroupRules.requireCanHandOver(actor, target);
                      return timeline.appendNow(
                          group,
                          entry(SystemEvent.ownerChanged(me, newOwner)),
                          seq ->
                              memberships
                                  .setRole(id, me, GroupRole.ADMIN)
                                  .thenCompose(
                                      set -> memberships.setRole(id, newOwner, GroupRole.OWNER))
                                  .thenApply(set -> null),
                          Set.of());
                    })
                .thenApply(
                    appended -> {
                      tellRole(id, me, newOwner, GroupRole.OWNER, appended.audience());
                      tellRole(id, me, me, GroupRole.ADMIN, appended.audience());
                      return null;
                    }));
  }

  @Override
  public CompletionStage<Void> leave(UserId me, ChatId id) {
    return acting(
        id,
        me,
        (group, actor) ->
            memberships
                .current(id)
                .thenCompose(
                    current -> {
                      Optional<Membership> heir = GroupRules.heirWhenLeaving(actor, current);
                      return timeline
                          .appendNow(
                              group,
                              entry(SystemEvent.left(me, heir.map(Membership::user))),
                              seq ->
                                  memberships
                                      .leave(id, me, seq)
                                      .thenCompose(
                                          left ->
                                              heir.isPresent()
                                                  ? memberships.setRole(
                                                      id, heir.get().user(), GroupRole.OWNER)
                                                  : Stages.done(false))
                                      .thenCompose(set -> recount(group)),
                              Set.of(me))
                          .thenApply(
                              appended -> {
                                broadcasts.toMembers(
                                    new ChatEvent.MembersChanged(
                                        id, "left", me, List.of(me), Optional.empty()),
                                    appended.audience());
                                heir.ifPresent(
                                    h ->
                                        tellRole(
                                            id,
                                            me,
                                            h.user(),
                                            GroupRole.OWNER,
                                            appended.audience()));
                                return appended;
                              })
                          .thenCompose(
                              appended -> partners.parted(me, appended.audience(), broadcasts));
                    }));
  }

  @Override
  public CompletionStage<Void> hide(UserId me, ChatId id) {
    return requireGroup(id)
        .thenCompose(group -> views.requireMembership(group, me))
        .thenCompose(
            m -> {
              m.hiddenFromList(); // a current member cannot: they leave first
              return memberships.hide(id, me);
            })
        .thenAccept(
            hidden -> {
              if (!hidden) {
                throw new NotAMemberException.StillAMemberException();
              }
            });
  }

  @Override
  public CompletionStage<MemberPage> members(UserId me, ChatId id, PageRequest page) {
    return requireGroup(id)
        .thenCompose(group -> views.requireMembership(group, me))
        .thenCompose(
            m -> {
              GroupRules.requireCurrent(Optional.of(m));
              return memberships.currentPage(id, page.cursor().map(UserId::of), page.limit() + 1);
            })
        .thenCompose(found -> memberPage(found, page.limit()));
  }

  /** A page of members (or readers) with their profiles; fetched one more to see if more follow. */
  CompletionStage<MemberPage> memberPage(List<Membership> found, int limit) {
    boolean more = found.size() > limit;
    List<Membership> shown = more ? found.subList(0, limit) : found;
    return directory
        .profiles(shown.stream().map(Membership::user).toList())
        .thenApply(
            profiles ->
                new MemberPage(
                    shown.stream()
                        .map(
                            m ->
                                new MemberView(
                                    profiles.get(m.user()), m.role(), m.joinedAt(), m.readSeq()))
                        .toList(),
                    more
                        ? Optional.of(shown.get(shown.size() - 1).user().value())
                        : Optional.empty()));
  }

  /** A system entry told by its event's actor, now. */
  private NewMessage entry(SystemEvent event) {
    return entry(event, clock.instant());
  }

  private NewMessage entry(SystemEvent event, Instant at) {
    return NewMessage.system(ids.newMessageId(), event, at);
  }

  /** The members hear that {@code by} gave {@code member} a role. */
  private void tellRole(
      ChatId id, UserId by, UserId member, GroupRole role, List<UserId> audience) {
    broadcasts.toMembers(
        new ChatEvent.MembersChanged(id, "role", by, List.of(member), Optional.of(role)), audience);
  }

  /** Runs a change by a current member in turn with the group's timeline. */
  private <T> CompletionStage<T> acting(ChatId id, UserId me, Change<T> change) {
    return Stages.defer(
        () -> {
          desk.requireNotImpersonatedBy(me);
          return timeline.inTurn(
              id,
              () ->
                  requireGroup(id)
                      .thenCompose(
                          group ->
                              views
                                  .requireMembership(group, me)
                                  .thenCompose(
                                      m ->
                                          change.apply(
                                              group, GroupRules.requireCurrent(Optional.of(m))))));
        });
  }

  @FunctionalInterface
  private interface Change<T> {
    CompletionStage<T> apply(Chat group, Membership actor);
  }

  private CompletionStage<Chat> requireGroup(ChatId id) {
    return chats
        .findById(id)
        .thenApply(
            chat ->
                chat.filter(Chat::isGroup)
                    .orElseThrow(() -> new NotFoundException("Chat not found")));
  }

  private CompletionStage<Membership> requireCurrentMember(ChatId id, UserId user) {
    return memberships
        .find(id, user)
        .thenApply(
            m ->
                m.filter(Membership::isCurrent)
                    .orElseThrow(() -> new NotFoundException("Member not found")));
  }

  /** Sets the group's member count to what the store holds (after a change of members). */
  private CompletionStage<Void> recount(Chat group) {
    return memberships
        .countCurrent(group.id())
        .thenCompose(
            count -> chats.updateGroup(group.id(), group.requireGroup().withMemberCount(count)))
        .thenApply(updated -> null);
  }

  /** The asked users who are not current members. */
  private CompletionStage<List<UserId>> newcomers(ChatId id, List<UserId> asked) {
    CompletionStage<List<UserId>> fresh = Stages.done(new ArrayList<>());
    for (UserId user : asked) {
      fresh =
          fresh.thenCombine(
              memberships.find(id, user),
              (list, m) -> {
                if (m.filter(Membership::isCurrent).isEmpty()) {
                  list.add(user);
                }
                return list;
              });
    }
    return fresh.thenApply(List::copyOf);
  }

  /**
   * Every user is known, is not the desk, and neither blocks nor is blocked by {@code adder} (the
   * refusal does not say which side blocked).
   */
  private CompletionStage<Void> requireAddable(UserId adder, List<UserId> users) {
    CompletionStage<Void> checked = Stages.done(null);
    for (UserId user : users) {
      desk.requireNotInGroup(user);
      checked =
          checked
              .thenCompose(ok -> directory.requireKnown(user))
              .thenCompose(profile -> blocks.eitherWay(adder, user))
              .thenAccept(
                  blocked -> {
                    if (blocked) {
                      throw new BlockedException();
                    }
                  });
    }
    return checked;
  }

  private static List<UserId> distinctOthers(List<UserId> users, UserId me) {
    Set<UserId> distinct = new LinkedHashSet<>(users);
    distinct.remove(me);
    return List.copyOf(distinct);
  }
}
