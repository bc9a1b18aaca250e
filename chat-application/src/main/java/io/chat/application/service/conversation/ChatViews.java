package io.chat.application.service.conversation;

import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.GroupView;
import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.ReplyPreview;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.port.out.ReactionRepository;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.Group;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Chats and history pages as one viewer sees them. Shared by the services. A group member's view is
 * bounded by their membership: from their join (or clear mark) to their leave; their unread count
 * is counted from the messages, exactly up to {@link #UNREAD_CAP}.
 */
@Singleton
public final class ChatViews {
  /** A group member's unread count is exact up to this, and shown as this beyond it. */
  public static final int UNREAD_CAP = 999;

  private final MessageRepository messages;
  private final ReactionRepository reactions;
  private final MembershipRepository memberships;
  private final MuteSettings mutes;
  private final Directory directory;
  private final SupportDesk desk;
  private final int previewLength;
  private final Clock clock;

  @Inject
  public ChatViews(
      MessageRepository messages,
      ReactionRepository reactions,
      MembershipRepository memberships,
      MuteSettings mutes,
      Directory directory,
      ServiceSettings settings,
      Clock clock) {
    this.messages = messages;
    this.reactions = reactions;
    this.memberships = memberships;
    this.mutes = mutes;
    this.directory = directory;
    this.desk = settings.desk();
    this.previewLength = settings.previewLength();
    this.clock = clock;
  }

  public CompletionStage<ChatView> view(Chat chat, UserId viewer) {
    return views(List.of(chat), viewer).thenApply(list -> list.get(0));
  }

  /**
   * A page of at most {@code limit} of {@code found} (fetched one more to see if more follow), as
   * {@code viewer} sees them.
   */
  public CompletionStage<ChatPage> page(List<Chat> found, UserId viewer, int limit) {
    boolean more = found.size() > limit;
    List<Chat> shown = more ? found.subList(0, limit) : found;
    Optional<String> next =
        more ? Optional.of(ChatCursor.of(shown.get(shown.size() - 1)).encode()) : Optional.empty();
    return views(shown, viewer).thenApply(list -> new ChatPage(list, next));
  }

  /** How many store pages one page of a filtered list reads at most before answering short. */
  private static final int MAX_ROUNDS = 8;

  /**
   * A page of the viewer's chats that are archived, or not, as {@code archived} says: the store's
   * pages ({@code fetch} from a cursor, one more than asked) are read in turn and filtered until
   * the page is full, the chats run out, or {@link #MAX_ROUNDS} pages were read (then the page is
   * short and its cursor goes on from the last chat read). Archived chats are few, so the default
   * list reads one store page as before.
   */
  public CompletionStage<ChatPage> page(
      Function<Optional<ChatCursor>, CompletionStage<List<Chat>>> fetch,
      Optional<ChatCursor> after,
      UserId viewer,
      int limit,
      boolean archived) {
    return filtered(fetch, after, viewer, limit, archived, new ArrayList<>(), 0);
  }

  private CompletionStage<ChatPage> filtered(
      Function<Optional<ChatCursor>, CompletionStage<List<Chat>>> fetch,
      Optional<ChatCursor> after,
      UserId viewer,
      int limit,
      boolean archived,
      List<ChatView> kept,
      int round) {
    return fetch
        .apply(after)
        .thenCompose(
            found -> {
              boolean more = found.size() > limit;
              List<Chat> read = more ? found.subList(0, limit) : found;
              return views(read, viewer)
                  .thenCompose(
                      shown -> {
                        for (int i = 0; i < shown.size(); i++) {
                          if (shown.get(i).archived() != archived) {
                            continue;
                          }
                          kept.add(shown.get(i));
                          if (kept.size() == limit) {
                            boolean rest = more || i < shown.size() - 1;
                            return Stages.done(
                                new ChatPage(
                                    kept,
                                    rest
                                        ? Optional.of(ChatCursor.of(read.get(i)).encode())
                                        : Optional.empty()));
                          }
                        }
                        if (!more) {
                          return Stages.done(new ChatPage(kept, Optional.empty()));
                        }
                        Optional<ChatCursor> next =
                            Optional.of(ChatCursor.of(read.get(read.size() - 1)));
                        if (round + 1 >= MAX_ROUNDS) {
                          return Stages.done(new ChatPage(kept, Optional.of(next.get().encode())));
                        }
                        return filtered(fetch, next, viewer, limit, archived, kept, round + 1);
                      });
            });
  }

  /** The chats as {@code viewer} sees them, in the same order. */
  private CompletionStage<List<ChatView>> views(List<Chat> chats, UserId viewer) {
    if (chats.isEmpty()) {
      return Stages.done(List.of());
    }
    Set<UserId> people = new LinkedHashSet<>();
    List<ChatId> ids = new ArrayList<>(chats.size());
    CompletionStage<Map<ChatId, Seat>> seats = Stages.done(new HashMap<>());
    for (Chat chat : chats) {
      people.addAll(chat.participants());
      ids.add(chat.id());
      if (chat.isGroup()) {
        seats =
            seats.thenCombine(
                seat(chat, viewer),
                (all, seat) -> {
                  all.put(chat.id(), seat);
                  return all;
                });
      }
    }
    CompletionStage<Map<ChatId, Mute>> muted =
        desk.mutes(viewer) ? mutes.findAll(viewer, ids) : Stages.done(Map.of());
    return directory
        .profiles(people)
        .thenCombine(muted, Facts::new)
        .thenCombine(
            seats,
            (facts, seatsByChat) -> {
              Instant now = clock.instant();
              List<ChatView> views = new ArrayList<>(chats.size());
              for (Chat chat : chats) {
                views.add(
                    view(
                        chat,
                        viewer,
                        facts.profiles(),
                        facts.mutes().get(chat.id()),
                        Optional.ofNullable(seatsByChat.get(chat.id())),
                        now));
              }
              return views;
            });
  }

  private record Facts(Map<UserId, UserProfile> profiles, Map<ChatId, Mute> mutes) {}

  /**
   * A viewer's place in a group: their membership, their unread count, the last entry they see, and
   * how far anybody else read (for the seen mark of their own messages).
   */
  private record Seat(
      Membership membership, long unread, Optional<Message> lastSeen, List<Membership> reading) {}

  private CompletionStage<Seat> seat(Chat chat, UserId viewer) {
    return requireMembership(chat, viewer)
        .thenCompose(
            m -> {
              long last = m.lastVisibleSeq(chat.lastSeq());
              CompletionStage<Long> unread =
                  messages.countUnread(chat.id(), viewer, m.unreadFloor(), last, UNREAD_CAP);
              CompletionStage<Optional<Message>> lastSeen =
                  last == chat.lastSeq() && last >= m.firstVisibleSeq()
                      ? Stages.done(chat.lastMessage())
                      : messages
                          .latestBefore(chat.id(), m.firstVisibleSeq(), last + 1, 1)
                          .thenApply(found -> found.stream().findFirst());
              return unread
                  .thenCombine(lastSeen, (count, entry) -> new Seat(m, count, entry, List.of()))
                  .thenCompose(
                      seat ->
                          seat.lastSeen().map(e -> e.isFrom(viewer)).orElse(false)
                              ? memberships
                                  .readingFrom(chat.id(), seat.lastSeen().get().seq(), viewer)
                                  .thenApply(
                                      reading ->
                                          new Seat(m, seat.unread(), seat.lastSeen(), reading))
                              : Stages.done(seat));
            });
  }

  /** The viewer's membership of a group; a user who was never in it finds no such chat. */
  public CompletionStage<Membership> requireMembership(Chat chat, UserId viewer) {
    return memberships
        .find(chat.id(), viewer)
        .thenApply(m -> m.orElseThrow(() -> new NotFoundException("Chat not found")));
  }

  private static ChatView view(
      Chat chat,
      UserId viewer,
      Map<UserId, UserProfile> profiles,
      Mute mute,
      Optional<Seat> seat,
      Instant now) {
    Optional<Mute> active = Optional.ofNullable(mute).filter(m -> m.isActiveAt(now));
    Optional<MessageView> last =
        seat.isPresent()
            ? seat.get().lastSeen().map(m -> groupMessage(m, viewer, seat.get()))
            : chat.lastMessageFor(viewer).map(m -> MessageView.of(chat, m, viewer));
    boolean archived =
        seat.isPresent()
            ? MemberState.isArchived(
                seat.get().membership().archivedSeq(),
                seat.get().membership().lastVisibleSeq(chat.lastSeq()),
                active.isPresent())
            : chat.member(viewer).isArchived(chat.lastSeq(), active.isPresent());
    return new ChatView(
        chat.id(),
        chat.type(),
        chat.participants().stream().map(profiles::get).toList(),
        last,
        seat.map(Seat::unread).orElseGet(() -> chat.unreadFor(viewer)),
        active.isPresent(),
        active.flatMap(Mute::until),
        chat.support(),
        chat.group().map(g -> groupView(g, seat.orElseThrow().membership())),
        chat.createdAt(),
        chat.updatedAt(),
        archived,
        chat.lastChange());
  }

  public static GroupView groupView(Group group, Membership viewer) {
    return new GroupView(
        group.profile(),
        group.onlyAdminsSend(),
        group.memberCount(),
        viewer.isCurrent() ? Optional.of(viewer.role()) : Optional.empty());
  }

  /**
   * In a group, the viewer's own message is seen once anybody else read it; anybody else's once the
   * viewer read it.
   */
  private static boolean seenInGroup(Message message, UserId viewer, Seat seat) {
    return message.isFrom(viewer)
        ? seat.reading().stream()
            .anyMatch(r -> r.joinedSeq() <= message.seq() && r.hasSeen(message.seq()))
        : seat.membership().hasSeen(message.seq());
  }

  /** Delivered as {@link #seenInGroup}, by the delivered marks (what is read is delivered). */
  private static boolean deliveredInGroup(Message message, UserId viewer, Seat seat) {
    return message.isFrom(viewer)
        ? seat.reading().stream()
            .anyMatch(r -> r.joinedSeq() <= message.seq() && r.delivered() >= message.seq())
        : seat.membership().delivered() >= message.seq();
  }

  private static MessageView groupMessage(Message message, UserId viewer, Seat seat) {
    return MessageView.of(
        message,
        seenInGroup(message, viewer, seat),
        deliveredInGroup(message, viewer, seat),
        viewer);
  }

  /**
   * A page of the chat's history for {@code viewer}, never before their clear mark: the latest
   * page, the page before a seq, or what came after a seq.
   */
  public CompletionStage<HistoryPage> history(Chat chat, UserId viewer, HistoryRange range) {
    if (chat.isGroup()) {
      return requireMembership(chat, viewer)
          .thenCompose(
              m ->
                  found(
                          chat.id(),
                          m.firstVisibleSeq() - 1,
                          m.lastVisibleSeq(Long.MAX_VALUE - 1),
                          range,
                          viewer,
                          0)
                      .thenCompose(
                          found -> {
                            // Who read the viewer's own messages of this page: one bounded read.
                            long fromSeq =
                                found.messages().stream()
                                    .filter(x -> x.isFrom(viewer) && !x.isSystem())
                                    .mapToLong(Message::seq)
                                    .min()
                                    .orElse(-1);
                            CompletionStage<List<Membership>> reading =
                                fromSeq < 0
                                    ? Stages.done(List.of())
                                    : memberships.readingFrom(chat.id(), fromSeq, viewer);
                            return reading.thenCompose(
                                others -> {
                                  Seat seat = new Seat(m, 0, Optional.empty(), others);
                                  return page(
                                      chat,
                                      found,
                                      x -> groupMessage(x, viewer, seat),
                                      viewer,
                                      x -> m.canSee(x.seq(), chat.lastSeq()));
                                });
                          }));
    }
    long cleared = chat.member(viewer).clearedSeq();
    return found(chat.id(), cleared, Long.MAX_VALUE - 1, range, viewer, 0)
        .thenCompose(
            found ->
                page(
                    chat,
                    found,
                    x -> MessageView.of(chat, x, viewer),
                    viewer,
                    x -> x.seq() > cleared));
  }

  /** A page of messages, oldest first, and whether more lie in the paging direction. */
  private record Found(List<Message> messages, boolean more) {}

  /** The page shown with quotes (of what the viewer may see) and their own reactions. */
  private CompletionStage<HistoryPage> page(
      Chat chat,
      Found found,
      Function<Message, MessageView> show,
      UserId viewer,
      Predicate<Message> canSee) {
    return shown(found.messages(), show, viewer, canSee)
        .thenApply(views -> new HistoryPage(views, found.more(), chat.lastChange()));
  }

  /**
   * {@code page} as {@code viewer} sees it, with the previews of the messages it answers and the
   * viewer's own reactions: at most two bounded reads (the quoted messages not in the page, the
   * viewer's reactions to the page's messages that have any), none when there is nothing to look
   * up.
   */
  public CompletionStage<List<MessageView>> shown(
      List<Message> page, Function<Message, MessageView> show, UserId viewer) {
    return shown(page, show, viewer, x -> true);
  }

  /**
   * As {@link #shown(List, Function, UserId)}; a quoted message the viewer may not see (before
   * their join or clear mark) shows without its text, as a deleted one.
   */
  public CompletionStage<List<MessageView>> shown(
      List<Message> page,
      Function<Message, MessageView> show,
      UserId viewer,
      Predicate<Message> canSee) {
    Map<MessageId, Message> byId = new HashMap<>();
    page.forEach(x -> byId.put(x.id(), x));
    Set<MessageId> quoted = new LinkedHashSet<>();
    Set<MessageId> reacted = new LinkedHashSet<>();
    for (Message x : page) {
      x.replyTo().filter(id -> !byId.containsKey(id)).ifPresent(quoted::add);
      if (!x.revision().reactions().isEmpty()) {
        reacted.add(x.id());
      }
    }
    CompletionStage<List<Message>> more =
        quoted.isEmpty() ? Stages.done(List.of()) : messages.findByIds(quoted);
    CompletionStage<Map<MessageId, Set<String>>> mine =
        reacted.isEmpty() ? Stages.done(Map.of()) : reactions.mine(viewer, reacted);
    return more.thenCombine(
        mine,
        (found, own) -> {
          found.forEach(x -> byId.putIfAbsent(x.id(), x));
          return page.stream()
              .map(
                  x ->
                      show.apply(x)
                          .withQuoteAndMine(
                              x.replyTo()
                                  .map(byId::get)
                                  .map(q -> canSee.test(q) ? quote(q, viewer) : gone(q)),
                              own.getOrDefault(x.id(), Set.of())))
              .toList();
        });
  }

  private static ReplyPreview gone(Message quoted) {
    return new ReplyPreview(quoted.id(), quoted.seq(), quoted.sender(), "", true);
  }

  /** The preview of a quoted message for {@code viewer}: no text once deleted (or hidden). */
  public ReplyPreview quote(Message quoted, UserId viewer) {
    boolean gone = quoted.isDeleted() || (viewer != null && quoted.isHiddenFor(viewer));
    return new ReplyPreview(
        quoted.id(),
        quoted.seq(),
        quoted.sender(),
        gone ? "" : quoted.text().preview(previewLength),
        gone);
  }

  /**
   * Message {@code id} of {@code chat} as {@code viewer} sees it: not another chat's, not before
   * their join or clear mark nor after they left, not deleted for them; else {@code NOT_FOUND}.
   */
  public CompletionStage<Message> visibleMessage(Chat chat, UserId viewer, MessageId id) {
    return visibleMessage(chat, viewer, id, false);
  }

  /** As {@link #visibleMessage(Chat, UserId, MessageId)}, even if deleted for them when asked. */
  public CompletionStage<Message> visibleMessage(
      Chat chat, UserId viewer, MessageId id, boolean hiddenToo) {
    return visibility(chat, viewer, hiddenToo)
        .thenCombine(
            messages.findById(id),
            (visible, found) ->
                found
                    .filter(x -> x.chatId().equals(chat.id()) && visible.test(x))
                    .orElseThrow(() -> new NotFoundException("Message not found")));
  }

  /**
   * Which of the chat's messages {@code viewer} sees (a group member's from their membership),
   * those they deleted for themselves too when {@code hiddenToo}.
   */
  public CompletionStage<Predicate<Message>> visibility(
      Chat chat, UserId viewer, boolean hiddenToo) {
    if (chat.isGroup()) {
      return requireMembership(chat, viewer)
          .thenApply(
              m -> x -> m.canSee(x.seq(), chat.lastSeq()) && (hiddenToo || !x.isHiddenFor(viewer)));
    }
    long cleared = chat.member(viewer).clearedSeq();
    return Stages.done(x -> x.seq() > cleared && (hiddenToo || !x.isHiddenFor(viewer)));
  }

  /**
   * A page of history strictly after {@code floor} and up to {@code ceiling}, without what {@code
   * viewer} deleted for themselves: a page of only such messages reads on (at most {@link
   * #MAX_ROUNDS} pages), so that a page answered with {@code hasMore} is never empty.
   */
  private CompletionStage<Found> found(
      ChatId chat, long floor, long ceiling, HistoryRange range, UserId viewer, int round) {
    return found(chat, floor, ceiling, range)
        .thenCompose(
            raw -> {
              List<Message> visible =
                  raw.messages().stream().filter(x -> !x.isHiddenFor(viewer)).toList();
              if (!visible.isEmpty() || !raw.more() || round + 1 >= MAX_ROUNDS) {
                return Stages.done(new Found(visible, raw.more()));
              }
              List<Message> read = raw.messages();
              HistoryRange next =
                  range.after().isPresent()
                      ? HistoryRange.after(read.get(read.size() - 1).seq(), range.limit())
                      : HistoryRange.before(read.get(0).seq(), range.limit());
              return found(chat, floor, ceiling, next, viewer, round + 1);
            });
  }

  /** A page of history strictly after {@code floor} and up to {@code ceiling}. */
  private CompletionStage<Found> found(ChatId chat, long floor, long ceiling, HistoryRange range) {
    int limit = range.limit();
    if (range.after().isPresent()) {
      long after = Math.max(range.after().get(), floor);
      return messages
          .earliestAfter(chat, after, limit + 1)
          .thenApply(
              found -> {
                List<Message> visible = found.stream().filter(m -> m.seq() <= ceiling).toList();
                boolean more = visible.size() > limit;
                return new Found(visible.subList(0, Math.min(limit, visible.size())), more);
              });
    }
    long before = Math.min(range.before().orElse(Long.MAX_VALUE), ceiling + 1);
    return messages
        .latestBefore(chat, floor + 1, before, limit + 1)
        .thenApply(
            found -> {
              boolean more = found.size() > limit;
              return new Found(
                  more ? found.subList(found.size() - limit, found.size()) : found, more);
            });
  }
}
