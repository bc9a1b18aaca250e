package io.chat.application.service.group;

import io.chat.application.port.in.ChatByIdUseCase;
import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.ClearHistoryUseCase;
import io.chat.application.port.in.Cleared;
import io.chat.application.port.in.DeliveredMark;
import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MarkAllSeenUseCase;
import io.chat.application.port.in.MemberPage;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.MuteStatus;
import io.chat.application.port.in.OnlineCount;
import io.chat.application.port.in.OpenChatUseCase;
import io.chat.application.port.in.OpenedChat;
import io.chat.application.port.in.Outgoing;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.RateLimitedException;
import io.chat.application.port.in.ReadHistoryQuery;
import io.chat.application.port.in.RelayTypingUseCase;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.in.SeenMark;
import io.chat.application.port.in.SendMessage;
import io.chat.application.port.in.SendMessageUseCase;
import io.chat.application.port.in.Sent;
import io.chat.application.port.in.ToggleMuteUseCase;
import io.chat.application.port.in.TypingOutcome;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatEvent;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.IdGenerator;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.Presence;
import io.chat.application.port.out.SendRateLimit;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.event.Broadcasts;
import io.chat.application.service.push.Pushes;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.NoMessagesYetException;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.GroupRules;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageRules;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.relation.CanTalk;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Every chat by its id. A chat of two is served by the use cases of the pair routes, with the other
 * participant as the pair (so the same rules and events hold, whichever route is used); a group by
 * its members' rules: a member acts from their join, a former member only reads what they saw.
 */
public final class ChatsService implements ChatByIdUseCase {
  private final ChatRepository chats;
  private final MembershipRepository memberships;
  private final MessageRepository messages;
  private final BlockList blocks;
  private final MuteSettings mutes;
  private final Presence presence;
  private final SendRateLimit rateLimit;
  private final GroupTimeline timeline;
  private final GroupAudience audience;
  private final ChatViews views;
  private final Broadcasts broadcasts;
  private final Pushes pushes;
  private final IdGenerator ids;
  private final Pairs pairs;
  private final GroupService groups;
  private final Receipts receipts;
  private final SupportDesk desk;
  private final ServiceSettings settings;
  private final Clock clock;

  /** The use cases that serve a chat of two. */
  public record Pairs(
      OpenChatUseCase open,
      ReadHistoryQuery history,
      SendMessageUseCase send,
      MarkAllSeenUseCase markAllSeen,
      ClearHistoryUseCase clear,
      ToggleMuteUseCase mute,
      RelayTypingUseCase typing) {}

  @Inject
  public ChatsService(
      ChatRepository chats,
      MembershipRepository memberships,
      MessageRepository messages,
      BlockList blocks,
      MuteSettings mutes,
      Presence presence,
      SendRateLimit rateLimit,
      GroupTimeline timeline,
      GroupAudience audience,
      ChatViews views,
      Broadcasts broadcasts,
      Pushes pushes,
      IdGenerator ids,
      Pairs pairs,
      GroupService groups,
      Receipts receipts,
      ServiceSettings settings,
      Clock clock) {
    this.chats = chats;
    this.memberships = memberships;
    this.messages = messages;
    this.blocks = blocks;
    this.mutes = mutes;
    this.presence = presence;
    this.rateLimit = rateLimit;
    this.timeline = timeline;
    this.audience = audience;
    this.views = views;
    this.broadcasts = broadcasts;
    this.pushes = pushes;
    this.ids = ids;
    this.pairs = pairs;
    this.groups = groups;
    this.receipts = receipts;
    this.desk = settings.desk();
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public CompletionStage<ChatPage> list(
      UserId me, Optional<ChatType> type, boolean archived, PageRequest page) {
    return Stages.defer(
        () -> {
          desk.requireNotImpersonatedBy(me);
          Optional<ChatCursor> after = page.cursor().map(ChatCursor::decode);
          Set<ChatType> types = type.map(Set::of).orElse(Set.of(ChatType.values()));
          return blocks
              .blockedEitherWay(me)
              .thenCompose(
                  blocked ->
                      views.page(
                          from ->
                              chats.listForUser(
                                  me, types, CanTalk.unlisted(blocked), from, page.limit() + 1),
                          after,
                          me,
                          page.limit(),
                          archived));
        });
  }

  @Override
  public CompletionStage<ChatView> archive(UserId me, ChatId id, boolean archived) {
    return chat(me, id)
        .thenCompose(
            chat -> {
              if (!chat.hasMessages()) {
                throw new NoMessagesYetException();
              }
              // A former member archives what they see: the entries after their leave do not bring
              // it back.
              CompletionStage<Boolean> saved =
                  chat.isGroup()
                      ? views
                          .requireMembership(chat, me)
                          .thenCompose(
                              m ->
                                  memberships.setArchived(
                                      chat.id(),
                                      me,
                                      archived ? m.lastVisibleSeq(chat.lastSeq()) : 0))
                      : chats.setArchived(chat.id(), me, archived ? chat.lastSeq() : 0);
              return saved
                  .thenCompose(ok -> chats.findById(chat.id()))
                  .thenCompose(
                      after -> {
                        broadcasts.archived(chat, me, archived);
                        return views.view(after.orElseThrow(), me);
                      });
            });
  }

  /** A receipt tells the other side a device is active: a block refuses it, as presence. */
  @Override
  public CompletionStage<DeliveredMark> markDelivered(UserId me, ChatId id, long seq) {
    return chat(me, id)
        .thenCompose(
            chat ->
                chat.type() == ChatType.USER_CHAT
                    ? blocks
                        .isBlockedEitherWay(me, chat.otherThan(me))
                        .thenCompose(
                            blocked -> {
                              CanTalk.requireUnblocked(blocked);
                              return receipts.delivered(chat, me, seq);
                            })
                    : receipts.delivered(chat, me, seq))
        .thenApply(mark -> new DeliveredMark(id, mark));
  }

  @Override
  public CompletionStage<ChatView> get(UserId me, ChatId id) {
    return chat(me, id)
        .thenCompose(
            chat ->
                chat.isGroup()
                    ? views.view(chat, me)
                    : pairs.open().openChat(me, chat.otherThan(me)).thenApply(OpenedChat::chat));
  }

  /**
   * A page of history; fetching it is a delivery receipt for what it shows (the page answers once
   * the receipt is written, and even if it could not be).
   */
  @Override
  public CompletionStage<HistoryPage> history(UserId me, ChatId id, HistoryRange range) {
    return chat(me, id)
        .thenCompose(
            chat ->
                (chat.isGroup()
                        ? views.history(chat, me, range)
                        : pairs.history().readHistory(me, chat.otherThan(me), range))
                    .thenCompose(
                        page -> {
                          OptionalLong newest =
                              page.messages().stream()
                                  .filter(m -> !m.sender().equals(me))
                                  .mapToLong(MessageView::seq)
                                  .max();
                          return newest.isEmpty()
                              ? Stages.done(page)
                              : receipts
                                  .delivered(chat, me, newest.getAsLong())
                                  .handle((mark, failure) -> page);
                        }));
  }

  @Override
  public CompletionStage<Sent> send(UserId me, ChatId id, Outgoing message) {
    return chat(me, id)
        .thenCompose(
            chat ->
                retriedAnswer(chat, me, message)
                    .thenCompose(
                        retried ->
                            retried.isPresent()
                                ? Stages.done(retried.get())
                                : sendNew(chat, me, message)));
  }

  /**
   * A retry of an answer is answered before its quote is checked again: the quoted message may have
   * been deleted since the first try was stored (whose answer was lost on the way).
   */
  private CompletionStage<Optional<Sent>> retriedAnswer(Chat chat, UserId me, Outgoing message) {
    if (message.replyTo().isEmpty() || message.clientMessageId().isEmpty()) {
      return Stages.done(Optional.empty());
    }
    return messages
        .findByClientMessageId(chat.id(), me, message.clientMessageId().get())
        .thenCompose(
            found ->
                found.isEmpty()
                    ? Stages.done(Optional.<Sent>empty())
                    : views
                        .shown(
                            List.of(found.get()),
                            x ->
                                chat.isGroup()
                                    ? MessageView.of(x, false, me)
                                    : MessageView.of(chat, x, me),
                            me)
                        .thenApply(shown -> Optional.of(new Sent(chat.id(), shown.get(0), false))));
  }

  private CompletionStage<Sent> sendNew(Chat chat, UserId me, Outgoing message) {
    return Stages.defer(
        () ->
            quote(chat, me, message.replyTo())
                .thenCompose(
                    quote -> {
                      if (!chat.isGroup()) {
                        if (!message.mentions().isEmpty()) {
                          throw new InvalidArgumentException("mentions are for groups");
                        }
                        return pairs
                            .send()
                            .send(
                                new SendMessage(
                                    me,
                                    chat.otherThan(me),
                                    message.text(),
                                    message.clientMessageId(),
                                    quote,
                                    message.forwarded()));
                      }
                      return sendToGroup(chat, me, message, quote);
                    }));
  }

  /** The message of the chat an answer quotes: one the sender sees, neither deleted nor system. */
  private CompletionStage<Optional<ReplyPreview>> quote(
      Chat chat, UserId me, Optional<MessageId> replyTo) {
    if (replyTo.isEmpty()) {
      return Stages.done(Optional.empty());
    }
    return views
        .visibleMessage(chat, me, replyTo.get())
        .thenApply(
            quoted -> {
              MessageRules.requireLive(quoted);
              return Optional.of(views.quote(quoted, me));
            });
  }

  private CompletionStage<Sent> sendToGroup(
      Chat chat, UserId me, Outgoing message, Optional<ReplyPreview> quote) {
    MessageText text = MessageText.of(message.text(), settings.maxTextLength());
    List<UserId> named = List.copyOf(new LinkedHashSet<>(message.mentions()));
    if (named.size() > settings.groupRules().maxAddedPerRequest()) {
      throw new InvalidArgumentException(
          "a message mentions at most " + settings.groupRules().maxAddedPerRequest() + " members");
    }
    NewMessage draft =
        new NewMessage(
            ids.newMessageId(),
            me,
            text,
            clock.instant(),
            message.clientMessageId(),
            Optional.empty(),
            named,
            quote.map(ReplyPreview::id),
            message.forwarded());
    // Every check runs in turn with the group's changes, after the timeline looked for a retry
    // (which it answers, even if the sender has left since): a removal or an announcement
    // setting that got there first wins.
    return timeline
        .append(
            chat.id(),
            draft,
            quote,
            current ->
                views
                    .requireMembership(current, me)
                    .thenCompose(
                        m -> {
                          GroupRules.requireCanSend(
                              current.requireGroup(), GroupRules.requireCurrent(Optional.of(m)));
                          return requireMembers(current.id(), named);
                        })
                    .thenCompose(ok -> rateLimit.acquire(me))
                    .thenAccept(
                        wait -> {
                          if (wait.isPresent()) {
                            throw new RateLimitedException(wait.get());
                          }
                        }))
        .thenApply(
            appended -> {
              if (appended.created()) {
                pushes.groupMessageStored(appended.chat(), appended.entry(), appended.audience());
              }
              return new Sent(
                  chat.id(),
                  MessageView.of(appended.entry(), false).withQuoteAndMine(quote, Set.of()),
                  appended.created());
            });
  }

  private CompletionStage<Void> requireMembers(ChatId chat, List<UserId> users) {
    CompletionStage<Void> checked = Stages.done(null);
    for (UserId user : users) {
      checked =
          checked.thenCombine(
              memberships.find(chat, user),
              (ok, m) -> {
                if (m.filter(Membership::isCurrent).isEmpty()) {
                  throw new InvalidArgumentException("mentions must be members of the group");
                }
                return null;
              });
    }
    return checked;
  }

  @Override
  public CompletionStage<SeenMark> markRead(UserId me, ChatId id) {
    return chat(me, id)
        .thenCompose(
            chat -> {
              if (!chat.isGroup()) {
                return pairs.markAllSeen().markAllSeen(me, chat.otherThan(me));
              }
              return views
                  .requireMembership(chat, me)
                  .thenCompose(
                      m -> {
                        long upTo = m.lastVisibleSeq(chat.lastSeq());
                        if (!m.readUpTo(upTo).equals(m) && upTo >= m.firstVisibleSeq()) {
                          return memberships
                              .advanceRead(chat.id(), me, upTo)
                              .thenCompose(before -> told(chat, me, before, upTo))
                              .thenApply(
                                  read -> new SeenMark(chat.id(), Math.max(read, m.readSeq())));
                        }
                        return Stages.done(new SeenMark(chat.id(), m.readSeq()));
                      });
            });
  }

  /** Tells the members that {@code me} read up to {@code upTo} when their mark moved. */
  private CompletionStage<Long> told(Chat chat, UserId me, Optional<Membership> before, long upTo) {
    if (before.isEmpty() || before.get().readSeq() >= upTo) {
      return Stages.done(before.map(Membership::readSeq).orElse(0L));
    }
    CompletionStage<Optional<Message>> entry =
        chat.lastMessage().filter(m -> m.seq() == upTo).isPresent()
            ? Stages.done(chat.lastMessage())
            : messages
                .latestBefore(chat.id(), before.get().firstVisibleSeq(), upTo + 1, 1)
                .thenApply(found -> found.stream().findFirst());
    return entry.thenCombine(
        audience.of(chat.id()),
        (found, members) -> {
          found.ifPresent(e -> broadcasts.groupReadMarkMoved(chat, me, e, 0, members));
          return upTo;
        });
  }

  @Override
  public CompletionStage<Cleared> clear(UserId me, ChatId id) {
    return chat(me, id)
        .thenCompose(
            chat -> {
              if (!chat.isGroup()) {
                return pairs.clear().clearHistory(me, chat.otherThan(me));
              }
              return views
                  .requireMembership(chat, me)
                  .thenCompose(
                      m -> {
                        long upTo = m.lastVisibleSeq(chat.lastSeq());
                        return memberships
                            .advanceCleared(chat.id(), me, upTo)
                            .thenApply(
                                before -> {
                                  long cleared =
                                      Math.max(upTo, before.map(Membership::clearedSeq).orElse(0L));
                                  broadcasts.groupCleared(chat, me, cleared);
                                  return new Cleared(chat.id(), cleared);
                                });
                      });
            });
  }

  @Override
  public CompletionStage<TypingOutcome> typing(UserId me, ChatId id, boolean isTyping) {
    return chat(me, id)
        .thenCompose(
            chat -> {
              if (!chat.isGroup()) {
                return pairs.typing().relayTyping(me, chat.otherThan(me), isTyping);
              }
              return views
                  .requireMembership(chat, me)
                  .thenCompose(
                      m -> {
                        GroupRules.requireCanSend(chat.requireGroup(), m);
                        return audience.of(chat.id());
                      })
                  .thenApply(
                      members -> {
                        broadcasts.toMembers(
                            new ChatEvent.Typing(me, chat.id(), isTyping),
                            members.stream().filter(u -> !u.equals(me)).toList());
                        return TypingOutcome.RELAYED;
                      });
            });
  }

  @Override
  public CompletionStage<OnlineCount> online(UserId me, ChatId id) {
    return chat(me, id)
        .thenCompose(
            chat ->
                chat.isGroup()
                    ? views
                        .requireMembership(chat, me)
                        .thenCompose(
                            m -> requireCurrent(m).thenCompose(ok -> audience.of(chat.id())))
                    : blocks
                        .isBlockedEitherWay(me, chat.otherThan(me))
                        .thenApply(
                            blocked -> {
                              // Blocks refuse presence between the two, as every pair route does.
                              CanTalk.requireUnblocked(blocked);
                              return chat.participants().stream()
                                  .filter(desk::hasPresence)
                                  .toList();
                            }))
        .thenCompose(
            members ->
                presence
                    .onlineAmong(members)
                    .thenApply(online -> new OnlineCount(online.size(), members.size())));
  }

  @Override
  public CompletionStage<MuteStatus> toggleMute(UserId me, ChatId id, Optional<Instant> until) {
    return chat(me, id)
        .thenCompose(
            chat -> {
              if (!chat.isGroup()) {
                return pairs.mute().toggleMute(me, chat.otherThan(me), until);
              }
              return views
                  .requireMembership(chat, me)
                  .thenCompose(m -> mutes.find(me, chat.id()))
                  .thenCompose(
                      current -> {
                        Instant now = clock.instant();
                        Optional<Mute> next = Mute.toggled(current, me, chat.id(), until, now);
                        CompletionStage<Void> saved =
                            next.isPresent() ? mutes.save(next.get()) : mutes.remove(me, chat.id());
                        return saved.thenApply(ok -> MuteStatus.of(next, now));
                      });
            });
  }

  @Override
  public CompletionStage<MemberPage> readers(
      UserId me, ChatId id, MessageId messageId, PageRequest page) {
    return chat(me, id)
        .thenCompose(
            chat -> {
              if (!chat.isGroup()) {
                throw new NotFoundException("Read receipts by member are for groups");
              }
              return views
                  .requireMembership(chat, me)
                  .thenCombine(
                      messages.findById(messageId),
                      (m, found) -> {
                        Message message =
                            found
                                .filter(x -> x.chatId().equals(chat.id()))
                                .filter(x -> m.canSee(x.seq(), chat.lastSeq()))
                                .orElseThrow(() -> new NotFoundException("Message not found"));
                        return message;
                      })
                  .thenCompose(
                      message ->
                          memberships.readers(
                              chat.id(),
                              message.seq(),
                              message.sender(),
                              page.cursor().map(UserId::of),
                              page.limit() + 1))
                  .thenCompose(found -> groups.memberPage(found, page.limit()));
            });
  }

  private static CompletionStage<Membership> requireCurrent(Membership m) {
    return Stages.done(GroupRules.requireCurrent(Optional.of(m)));
  }

  /** The chat with this id when the caller is in it (a pair's participant or a group's member). */
  private CompletionStage<Chat> chat(UserId me, ChatId id) {
    return Stages.defer(
        () -> {
          desk.requireNotImpersonatedBy(me);
          return chats
              .findById(id)
              .thenApply(
                  found ->
                      found
                          .filter(c -> c.isGroup() || c.hasParticipant(me))
                          .orElseThrow(() -> new NotFoundException("Chat not found")));
        });
  }
}
