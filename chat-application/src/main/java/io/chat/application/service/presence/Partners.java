package io.chat.application.service.presence;

import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.Presence;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.GroupRules;
import io.chat.domain.group.Membership;
import io.chat.domain.relation.CanTalk;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Whose presence a user may see: the people they share a chat of two or a group small enough to
 * share presence ({@link GroupRules#sharesPresence}) with, and may talk with ({@link CanTalk}), but
 * not the desk, which has no presence ({@link SupportDesk}). Shared by the services.
 */
@Singleton
public final class Partners {
  private final ChatRepository chats;
  private final MembershipRepository memberships;
  private final BlockList blocks;
  private final Presence presence;
  private final SupportDesk desk;
  private final GroupRules rules;

  @Inject
  public Partners(
      ChatRepository chats,
      MembershipRepository memberships,
      BlockList blocks,
      Presence presence,
      ServiceSettings settings) {
    this.chats = chats;
    this.memberships = memberships;
    this.rules = settings.groupRules();
    this.blocks = blocks;
    this.presence = presence;
    this.desk = settings.desk();
  }

  /**
   * Two users who just got a chat of their own start seeing each other's presence: when both are
   * online, each hears that the other is.
   */
  public CompletionStage<Void> introduce(io.chat.domain.chat.Chat chat, Broadcasts broadcasts) {
    if (chat.isSupport()) {
      return Stages.done(null);
    }
    var people = chat.participants();
    return presence
        .onlineAmong(people)
        .thenAccept(
            online -> {
              if (online.size() == 2) {
                broadcasts.online(people.get(0), java.util.List.of(people.get(1)));
                broadcasts.online(people.get(1), java.util.List.of(people.get(0)));
              }
            });
  }

  /** The user's partners who are online now and may see each other's presence. */
  public CompletionStage<Set<UserId>> onlineVisible(UserId user) {
    return chats
        .partnersOf(user)
        .thenCombine(
            groupMates(user),
            (partners, mates) -> {
              Set<UserId> all = new HashSet<>(partners);
              all.addAll(mates);
              all.remove(user);
              return all;
            })
        .thenCombine(
            blocks.blockedEitherWay(user),
            (partners, blocked) ->
                CanTalk.among(user, partners, blocked).stream()
                    .filter(desk::hasPresence)
                    .collect(Collectors.toSet()))
        .thenCompose(
            visible -> visible.isEmpty() ? Stages.done(Set.of()) : presence.onlineAmong(visible));
  }

  /**
   * Users who just joined a group start seeing the presence of its members online (when the group
   * shares presence): each newcomer who is online and each such member hear of the other.
   */
  public CompletionStage<Void> joined(
      Collection<UserId> newcomers, Collection<UserId> members, Broadcasts broadcasts) {
    CompletionStage<Void> told = Stages.done(null);
    for (UserId newcomer : newcomers) {
      told =
          told.thenCompose(
              ok ->
                  presence
                      .isOnline(newcomer)
                      .thenCompose(
                          online ->
                              !online
                                  ? Stages.done(null)
                                  : onlineVisible(newcomer)
                                      .thenAccept(
                                          visible -> {
                                            // Two newcomers are told of each other once,
                                            // when the first of them in id order is looked at.
                                            List<UserId> mates =
                                                members.stream()
                                                    .filter(visible::contains)
                                                    .filter(m -> !m.equals(newcomer))
                                                    .filter(
                                                        m ->
                                                            !newcomers.contains(m)
                                                                || m.compareTo(newcomer) > 0)
                                                    .toList();
                                            mates.forEach(
                                                m -> broadcasts.online(m, List.of(newcomer)));
                                            mates.forEach(
                                                m -> broadcasts.online(newcomer, List.of(m)));
                                          })));
    }
    return told;
  }

  /**
   * A user left a group: they and its members online who no longer share a chat that shows presence
   * stop seeing each other, each told once that the other is offline.
   */
  public CompletionStage<Void> parted(
      UserId user, Collection<UserId> members, Broadcasts broadcasts) {
    return presence
        .isOnline(user)
        .thenCompose(
            online ->
                !online
                    ? Stages.done(null)
                    : onlineVisible(user)
                        .thenCombine(
                            presence.onlineAmong(members),
                            (still, mates) -> {
                              for (UserId mate : mates) {
                                if (!mate.equals(user) && !still.contains(mate)) {
                                  broadcasts.offline(mate, List.of(user));
                                  broadcasts.offline(user, List.of(mate));
                                }
                              }
                              return null;
                            }));
  }

  /** The current members of the user's groups that share presence. */
  private CompletionStage<Set<UserId>> groupMates(UserId user) {
    if (rules.presenceGroupSize() == 0) {
      return Stages.done(Set.of());
    }
    return memberships
        .listedGroupsOf(user)
        .thenCompose(
            groups -> {
              CompletionStage<Set<UserId>> mates = Stages.done(new HashSet<>());
              for (ChatId group : groups) {
                mates =
                    mates.thenCombine(
                        chats
                            .findById(group)
                            .thenCompose(
                                chat ->
                                    chat.flatMap(c -> c.group())
                                            .filter(g -> rules.sharesPresence(g.memberCount()))
                                            .isPresent()
                                        ? memberships.current(group)
                                        : Stages.done(List.<Membership>of())),
                        (all, members) -> {
                          if (members.stream().anyMatch(m -> m.user().equals(user))) {
                            members.forEach(m -> all.add(m.user()));
                          }
                          return all;
                        });
              }
              return mates;
            });
  }
}
