package io.chat.application.service.group;

import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.MemberState;
import io.chat.domain.group.GroupRules;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Delivery receipts: a member's delivered mark moves up to what one of their devices received
 * (never back, never past what they see), one {@code $max} write, and the other side hears {@code
 * delivered}. In a group the other members hear it only where the group shares presence (up to the
 * configured size): a receipt from every member of a large group to every other would be the square
 * of its size; there, delivery shows in history and in the readers route.
 */
@Singleton
public final class Receipts {
  private final ChatRepository chats;
  private final MembershipRepository memberships;
  private final GroupAudience audience;
  private final Broadcasts broadcasts;
  private final GroupRules rules;

  @Inject
  public Receipts(
      ChatRepository chats,
      MembershipRepository memberships,
      GroupAudience audience,
      Broadcasts broadcasts,
      ServiceSettings settings) {
    this.chats = chats;
    this.memberships = memberships;
    this.audience = audience;
    this.broadcasts = broadcasts;
    this.rules = settings.groupRules();
  }

  /**
   * Moves {@code me}'s delivered mark in {@code chat} up to {@code seq}; answers the mark after.
   */
  public CompletionStage<Long> delivered(Chat chat, UserId me, long seq) {
    if (chat.isGroup()) {
      return memberships
          .find(chat.id(), me)
          .thenCompose(
              found -> {
                Membership m = found.orElseThrow(() -> new NotFoundException("Chat not found"));
                long upTo = Math.min(seq, m.lastVisibleSeq(chat.lastSeq()));
                if (upTo <= m.delivered()) {
                  return Stages.done(m.delivered());
                }
                return memberships
                    .advanceDelivered(chat.id(), me, upTo)
                    .thenCompose(
                        before -> {
                          if (before.isEmpty() || before.get().delivered() >= upTo) {
                            return Stages.done(
                                Math.max(upTo, before.map(Membership::delivered).orElse(0L)));
                          }
                          if (!rules.sharesPresence(chat.requireGroup().memberCount())) {
                            return Stages.done(upTo);
                          }
                          return audience
                              .of(chat.id())
                              .thenApply(
                                  members -> {
                                    broadcasts.deliveredMarkMoved(chat, me, upTo, members);
                                    return upTo;
                                  });
                        });
              });
    }
    MemberState mine = chat.member(me);
    long upTo = Math.min(seq, chat.lastSeq());
    if (upTo <= mine.delivered()) {
      return Stages.done(mine.delivered());
    }
    return chats
        .advanceDelivered(chat.id(), me, upTo)
        .thenApply(
            moved -> {
              if (moved) {
                broadcasts.deliveredMarkMoved(chat, me, upTo, List.of());
              }
              return upTo;
            });
  }
}
