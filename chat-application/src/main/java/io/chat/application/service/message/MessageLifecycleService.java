package io.chat.application.service.message;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.ChangesPage;
import io.chat.application.port.in.ChatByIdUseCase;
import io.chat.application.port.in.MessageLifecycleUseCase;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.in.Sent;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.group.GroupTimeline;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.GroupRules;
import io.chat.domain.group.Membership;
import io.chat.domain.group.RoleRequiredException;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageRules;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.relation.CanTalk;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Edits, deletions, reactions and pins of stored messages, and what a client needs to catch up with
 * them. Each change runs in turn with the chat's sends (one at a time per chat in this process),
 * reads the chat and the message afresh, and then writes two documents: the message at its place
 * with the chat's next change number, and the chat's {@code lastChange} (with its last message when
 * that is the one changed). The message is written first, so a reader who sees a chat at change
 * {@code c} finds every revision up to {@code c} in the messages.
 */
@Singleton
public final class MessageLifecycleService implements MessageLifecycleUseCase {
  private static final int MAX_CHANGES_PAGE = 200;

  private final ChatRepository chats;
  private final MessageRepository messages;
  private final MembershipRepository memberships;
  private final ReactionRepository reactions;
  private final BlockList blocks;
  private final MessageSender sender;
  private final GroupTimeline timeline;

  private final ChatViews views;
  private final Broadcasts broadcasts;
  private final ChatByIdUseCase chatsById;
  private final MessageRules rules;
  private final SupportDesk desk;
  private final int maxTextLength;
  private final Clock clock;

  @Inject
  public MessageLifecycleService(
      ChatRepository chats,
      MessageRepository messages,
      MembershipRepository memberships,
      ReactionRepository reactions,
      BlockList blocks,
      MessageSender sender,
      GroupTimeline timeline,
      ChatViews views,
      Broadcasts broadcasts,
      ChatByIdUseCase chatsById,
      ServiceSettings settings,
      Clock clock) {
    this.chats = chats;
    this.messages = messages;
    this.memberships = memberships;
    this.reactions = reactions;
    this.blocks = blocks;
    this.sender = sender;
    this.timeline = timeline;

    this.views = views;
    this.broadcasts = broadcasts;
    this.chatsById = chatsById;
    this.rules = settings.messageRules();
    this.desk = settings.desk();
    this.maxTextLength = settings.maxTextLength();
    this.clock = clock;
  }

  /** Who acts in a chat: the caller, or the desk's user for staff in a support chat. */
  private record Seat(Chat chat, UserId as, Optional<Membership> membership) {
    /** A group's owner or admin, still a member. */
    boolean moderates() {
      return membership.map(m -> m.isCurrent() && m.role().manages()).orElse(false);
    }
  }

  /** A page of revised messages the caller sees, up to which change, and whether more follow. */
  private record Revised(List<Message> messages, long upTo, boolean more) {}

  /** What a change makes of the message: its next state at {@code change}, or empty for none. */
  private interface Change {
    CompletionStage<Optional<Message>> apply(Seat seat, Message current, long change, Instant now);
  }

  @Override
  public CompletionStage<MessageView> edit(
      Actor actor, ChatId chat, MessageId message, String text) {
    return Stages.defer(
        () -> {
          MessageText next = MessageText.of(text, maxTextLength);
          return revise(
              actor,
              chat,
              message,
              "edited",
              Optional.empty(),
              false,
              (seat, current, change, now) ->
                  requireCanWrite(seat)
                      .thenApply(
                          ok -> {
                            rules.requireEditable(current, seat.as(), now);
                            return current.text().equals(next)
                                ? Optional.empty()
                                : Optional.of(current.edited(next, now, change));
                          }));
        });
  }

  @Override
  public CompletionStage<MessageView> delete(
      Actor actor, ChatId chat, MessageId message, boolean forEveryone) {
    if (!forEveryone) {
      return revise(
          actor,
          chat,
          message,
          "deleted",
          Optional.empty(),
          true,
          (seat, current, change, now) ->
              Stages.done(
                  current.isHiddenFor(seat.as())
                      ? Optional.empty()
                      : Optional.of(current.hiddenFor(seat.as(), change))));
    }
    return revise(
        actor,
        chat,
        message,
        "deleted",
        Optional.empty(),
        false,
        (seat, current, change, now) -> {
          if (seat.chat().isGroup()) {
            GroupRules.requireCurrent(seat.membership());
          }
          rules.requireDeletableForEveryone(current, seat.as(), seat.moderates(), now);
          return Stages.done(
              current.isDeleted()
                  ? Optional.empty()
                  : Optional.of(current.deletedForEveryone(now, change)));
        });
  }

  @Override
  public CompletionStage<MessageView> react(
      Actor actor, ChatId chat, MessageId message, String emoji, boolean on) {
    return Stages.defer(
        () -> {
          String reaction = rules.requireReaction(emoji);
          return revise(
              actor,
              chat,
              message,
              "reaction",
              Optional.of(new ChatEvent.Reacted(reaction, on)),
              false,
              (seat, current, change, now) ->
                  requireCanWrite(seat)
                      .thenCompose(
                          ok -> {
                            if (on) {
                              rules.requireRoomFor(current, reaction);
                            } else {
                              MessageRules.requireLive(current);
                            }
                            return reactions.set(current, seat.as(), reaction, on);
                          })
                      .thenCompose(hadIt -> recounted(current, reaction, change)));
        });
  }

  /**
   * The message's count of {@code emoji}, counted from the users' own entries (one count on an
   * index): a reaction whose second write never came (the message's count) is healed by the next
   * reaction with that emoji, whoever makes it; when the count is right already (a retry), nothing
   * changes.
   */
  private CompletionStage<Optional<Message>> recounted(Message current, String emoji, long change) {
    long shown =
        current.revision().reactions().stream()
            .filter(r -> r.emoji().equals(emoji))
            .mapToLong(Reaction::count)
            .sum();
    return reactions
        .count(current.id(), emoji)
        .thenApply(
            counted -> {
              if (counted == shown) {
                return Optional.empty();
              }
              List<Reaction> next = new ArrayList<>();
              boolean placed = false;
              for (Reaction r : current.revision().reactions()) {
                if (r.emoji().equals(emoji)) {
                  placed = true;
                  if (counted > 0) {
                    next.add(new Reaction(emoji, counted));
                  }
                } else {
                  next.add(r);
                }
              }
              if (!placed && counted > 0) {
                next.add(new Reaction(emoji, counted));
              }
              return Optional.of(current.withReactions(next, change));
            });
  }

  @Override
  public CompletionStage<MessageView> pin(Actor actor, ChatId chat, MessageId message, boolean on) {
    return revise(
        actor,
        chat,
        message,
        on ? "pinned" : "unpinned",
        Optional.empty(),
        false,
        (seat, current, change, now) ->
            requireCanWrite(seat)
                .thenCompose(
                    ok -> {
                      if (seat.chat().isGroup() && !seat.moderates()) {
                        throw new RoleRequiredException(
                            "Only admins can pin messages in this group");
                      }
                      MessageRules.requireLive(current);
                      if (on == current.revision().pin().isPresent()) {
                        return Stages.done(Optional.<Message>empty());
                      }
                      if (!on) {
                        return Stages.done(Optional.of(current.withPin(Optional.empty(), change)));
                      }
                      return messages
                          .pinned(seat.chat().id(), rules.maxPins() + 1)
                          .thenApply(
                              pinned -> {
                                rules.requireRoomForPin(pinned.size());
                                return Optional.of(
                                    current.withPin(Optional.of(new Pin(seat.as(), now)), change));
                              });
                    }));
  }

  @Override
  public CompletionStage<List<MessageView>> pinned(Actor actor, ChatId chat) {
    return readable(actor, chat)
        .thenCompose(
            seat ->
                messages
                    .pinned(seat.chat().id(), rules.maxPins())
                    .thenCombine(
                        views.visibility(seat.chat(), seat.as(), false),
                        (found, visible) -> found.stream().filter(visible).toList())
                    .thenCompose(found -> views.shown(found, x -> view(seat, x), seat.as())));
  }

  @Override
  public CompletionStage<ChangesPage> changes(Actor actor, ChatId chat, long since, int limit) {
    if (since < 0 || limit < 1 || limit > MAX_CHANGES_PAGE) {
      return Stages.defer(
          () -> {
            throw new InvalidArgumentException(
                "since is a change number from 0, limit 1 to " + MAX_CHANGES_PAGE);
          });
    }
    return readable(actor, chat)
        .thenCompose(
            seat -> {
              long upTo = seat.chat().lastChange();
              if (since >= upTo) {
                return Stages.done(new ChangesPage(List.of(), upTo, false));
              }
              return messages
                  .revisedBetween(seat.chat().id(), since, upTo, limit + 1)
                  .thenCombine(
                      views.visibility(seat.chat(), seat.as(), true),
                      (found, visible) -> {
                        boolean more = found.size() > limit;
                        List<Message> page = more ? found.subList(0, limit) : found;
                        long reached = more ? page.get(page.size() - 1).change() : upTo;
                        return new Revised(page.stream().filter(visible).toList(), reached, more);
                      })
                  .thenCompose(
                      p ->
                          views
                              .shown(p.messages(), x -> view(seat, x), seat.as())
                              .thenApply(v -> new ChangesPage(v, p.upTo(), p.more())));
            });
  }

  @Override
  public CompletionStage<Sent> forward(
      Actor actor,
      ChatId from,
      MessageId message,
      ChatId to,
      Optional<ClientMessageId> clientMessageId) {
    return readable(actor, from)
        .thenCompose(seat -> views.visibleMessage(seat.chat(), seat.as(), message, false))
        .thenCompose(
            source -> {
              MessageRules.requireLive(source);
              return chatsById.send(
                  actor.id(),
                  to,
                  new Outgoing(
                      source.text().value(), clientMessageId, List.of(), Optional.empty(), true));
            });
  }

  /**
   * Changes a message in turn with the chat's sends: the chat and the message are read afresh, the
   * change decides, then the message and the chat are written and the audience told. A change that
   * changes nothing (a retry) writes and tells nothing and answers the message as it is.
   */
  private CompletionStage<MessageView> revise(
      Actor actor,
      ChatId id,
      MessageId messageId,
      String name,
      Optional<ChatEvent.Reacted> reaction,
      boolean forCallerOnly,
      Change change) {
    return Stages.defer(
        () ->
            found(id)
                .thenCompose(
                    chat ->
                        inTurn(
                            chat,
                            () ->
                                seated(actor, id)
                                    .thenCompose(this::healed)
                                    .thenCompose(
                                        seat ->
                                            views
                                                .visibleMessage(
                                                    seat.chat(),
                                                    seat.as(),
                                                    messageId,
                                                    forCallerOnly)
                                                .thenCompose(
                                                    current ->
                                                        change
                                                            .apply(
                                                                seat,
                                                                current,
                                                                seat.chat().lastChange() + 1,
                                                                clock.instant())
                                                            .thenCompose(
                                                                next ->
                                                                    next.isEmpty()
                                                                        ? shown(seat, current)
                                                                        : store(
                                                                            seat,
                                                                            next.get(),
                                                                            name,
                                                                            reaction,
                                                                            forCallerOnly)))))));
  }

  /**
   * The seat with its chat's change number caught up: a revision whose message was written but
   * whose chat write failed (a crash, a timeout) left that message at a change the chat does not
   * show yet; it is recorded now (one read of the revised messages past the chat's number, none
   * found in the usual case), before the next number is taken, so that no number is ever used twice
   * and the chat's last message never keeps a text that was deleted.
   */
  private CompletionStage<Seat> healed(Seat seat) {
    Chat chat = seat.chat();
    return messages
        .revisedBetween(chat.id(), chat.lastChange(), Long.MAX_VALUE, 1)
        .thenCompose(
            found -> {
              if (found.isEmpty()) {
                return Stages.done(seat);
              }
              Message orphan = found.get(0);
              boolean last = chat.lastMessage().map(m -> m.seq() == orphan.seq()).orElse(false);
              Chat after =
                  last ? chat.withRevisedLast(orphan) : chat.withLastChange(orphan.change());
              return chats
                  .recordRevision(
                      chat.id(), orphan.change(), last ? Optional.of(orphan) : Optional.empty())
                  .thenCompose(ok -> healed(new Seat(after, seat.as(), seat.membership())));
            });
  }

  /** Writes the revised message, then the chat's change number, then tells its audience. */
  private CompletionStage<MessageView> store(
      Seat seat,
      Message revised,
      String name,
      Optional<ChatEvent.Reacted> reaction,
      boolean forCallerOnly) {
    Chat chat = seat.chat();
    boolean last = chat.lastMessage().map(m -> m.seq() == revised.seq()).orElse(false);
    Chat after = last ? chat.withRevisedLast(revised) : chat.withLastChange(revised.change());
    Seat now = new Seat(after, seat.as(), seat.membership());
    return messages
        .revise(revised)
        .thenCompose(
            ok ->
                chats.recordRevision(
                    chat.id(), revised.change(), last ? Optional.of(revised) : Optional.empty()))
        .thenCompose(ok -> shown(now, revised))
        .thenCompose(
            view -> {
              if (forCallerOnly) {
                broadcasts.messageHidden(after, revised, seat.as());
                return Stages.done(view);
              }
              return neutralQuote(revised)
                  .thenCombine(
                      audienceOf(after, revised),
                      (quote, heard) -> {
                        broadcasts.messageChanged(
                            after, name, revised, seat.as(), reaction, quote, heard);
                        return view;
                      });
            });
  }

  /**
   * Who hears a change of {@code message}: in a group, the current members who see it (joined
   * before it, not cleared past it) and did not delete it for themselves; in a chat of two, both
   * sides (the events say so themselves).
   */
  private CompletionStage<List<UserId>> audienceOf(Chat chat, Message message) {
    if (!chat.isGroup()) {
      return Stages.done(List.of());
    }
    return memberships
        .current(chat.id())
        .thenApply(
            members ->
                members.stream()
                    .filter(m -> m.canSee(message.seq(), chat.lastSeq()))
                    .map(Membership::user)
                    .filter(user -> !message.isHiddenFor(user))
                    .toList());
  }

  /** The quote of an answer as everybody sees it: its text, or none once deleted for everyone. */
  private CompletionStage<Optional<ReplyPreview>> neutralQuote(Message message) {
    if (message.replyTo().isEmpty()) {
      return Stages.done(Optional.empty());
    }
    return messages
        .findByIds(List.of(message.replyTo().get()))
        .thenApply(found -> found.stream().findFirst().map(q -> views.quote(q, null)));
  }

  /** The message as the seat sees it, with its quote and the seat's own reactions. */
  private CompletionStage<MessageView> shown(Seat seat, Message message) {
    return views
        .shown(List.of(message), x -> view(seat, x), seat.as())
        .thenApply(list -> list.get(0));
  }

  private static MessageView view(Seat seat, Message message) {
    return seat.chat().isGroup()
        ? MessageView.of(message, false, seat.as())
        : MessageView.of(seat.chat(), message, seat.as());
  }

  /**
   * A member of a group still in it, or either side of a user chat that no block stands between; a
   * support chat has no blocks.
   */
  private CompletionStage<Void> requireCanWrite(Seat seat) {
    Chat chat = seat.chat();
    if (chat.isGroup()) {
      GroupRules.requireCanSend(chat.requireGroup(), GroupRules.requireCurrent(seat.membership()));
      return Stages.done(null);
    }
    if (chat.type() != ChatType.USER_CHAT) {
      return Stages.done(null);
    }
    return blocks
        .isBlockedEitherWay(seat.as(), chat.otherThan(seat.as()))
        .thenAccept(CanTalk::requireUnblocked);
  }

  /** A seat to read from: a user chat under a block is not read, as its history is not. */
  private CompletionStage<Seat> readable(Actor actor, ChatId id) {
    return seated(actor, id)
        .thenCompose(
            seat ->
                seat.chat().type() != ChatType.USER_CHAT
                    ? Stages.done(seat)
                    : blocks
                        .isBlockedEitherWay(seat.as(), seat.chat().otherThan(seat.as()))
                        .thenApply(
                            blocked -> {
                              CanTalk.requireUnblocked(blocked);
                              return seat;
                            }));
  }

  private <T> CompletionStage<T> inTurn(Chat chat, Supplier<CompletionStage<T>> work) {
    return chat.isGroup() ? timeline.inTurn(chat.id(), work) : sender.inTurn(chat, work);
  }

  /** The chat read afresh, with who acts in it for this caller; else {@code NOT_FOUND}. */
  private CompletionStage<Seat> seated(Actor actor, ChatId id) {
    return Stages.defer(
        () -> {
          desk.requireNotImpersonatedBy(actor.id());
          return found(id).thenCompose(chat -> seat(actor, chat));
        });
  }

  private CompletionStage<Seat> seat(Actor actor, Chat chat) {
    UserId me = actor.id();
    if (chat.isGroup()) {
      return views.requireMembership(chat, me).thenApply(m -> new Seat(chat, me, Optional.of(m)));
    }
    if (chat.hasParticipant(me)) {
      return Stages.done(new Seat(chat, me, Optional.empty()));
    }
    if (actor.admin() && chat.isSupport()) {
      return Stages.done(new Seat(chat, desk.id(), Optional.empty()));
    }
    throw new NotFoundException("Chat not found");
  }

  private CompletionStage<Chat> found(ChatId id) {
    return chats
        .findById(id)
        .thenApply(found -> found.orElseThrow(() -> new NotFoundException("Chat not found")));
  }
}
