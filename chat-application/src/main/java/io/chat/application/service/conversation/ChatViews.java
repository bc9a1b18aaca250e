package io.chat.application.service.conversation;

import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.GroupView;
import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.Group;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
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
  private final MembershipRepository memberships;
  private final MuteSettings mutes;
  private final Directory directory;
  private final SupportDesk desk;
  private final Clock clock;

  @Inject
  public ChatViews(
      MessageRepository messages,
      MembershipRepository memberships,
      MuteSettings mutes,
      Directory directory,
      ServiceSettings settings,
      Clock clock) {
    this.messages = messages;
    this.memberships = memberships;
    this.mutes = mutes;
    this.directory = directory;
    this.desk = settings.desk();
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
            ? seat.get().lastSeen().map(m -> MessageView.of(m, seenInGroup(m, viewer, seat.get())))
            : chat.lastMessageFor(viewer).map(m -> MessageView.of(chat, m, viewer));
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
        chat.updatedAt());
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
                          range)
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
                            return reading.thenApply(
                                others -> {
                                  Seat seat = new Seat(m, 0, Optional.empty(), others);
                                  return found.page(
                                      x -> MessageView.of(x, seenInGroup(x, viewer, seat)));
                                });
                          }));
    }
    return found(chat.id(), chat.member(viewer).clearedSeq(), Long.MAX_VALUE - 1, range)
        .thenApply(found -> found.page(x -> MessageView.of(chat, x, viewer)));
  }

  /** A page of messages, oldest first, and whether more lie in the paging direction. */
  private record Found(List<Message> messages, boolean more) {
    HistoryPage page(Function<Message, MessageView> show) {
      return new HistoryPage(messages.stream().map(show).toList(), more);
    }
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
