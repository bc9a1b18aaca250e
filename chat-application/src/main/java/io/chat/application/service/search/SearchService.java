package io.chat.application.service.search;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.in.PageRequest;
import io.chat.application.port.in.SearchMessagesUseCase;
import io.chat.application.port.in.SearchPage;
import io.chat.application.port.out.BlockList;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.application.service.conversation.ChatViews;
import io.chat.application.service.relation.Blocks;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.relation.CanTalk;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.NotFoundException;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Searches the messages a user can see. The chats searched and, in each, the seqs the user sees
 * there are worked out first ({@link SearchScope}s); the store then answers the page from its index
 * of the messages' words ({@link MessageRepository#search}), and the page is shown as history shows
 * it.
 *
 * <p>Cost of one page, for a user in {@code n} chats: the chat list read in pages of {@value
 * #CHATS_PAGE} (as the chat list route reads it, blocked pairs left out by the store), one
 * membership read per group among them (by key, all of a list page at once), one search read over
 * at most {@value #MAX_CHATS} scopes, and the quotes and the user's own reactions of the page (two
 * bounded reads, as a history page). A user in 1,000 chats costs 5 list pages, one read per group
 * and one search. Past {@value #MAX_CHATS} chats, only the {@value #MAX_CHATS} with the latest
 * activity are searched: a search within one chat reaches any of them.
 */
public final class SearchService implements SearchMessagesUseCase {
  /** The chat list is read in pages of this many chats (the chat list route's largest page). */
  static final int CHATS_PAGE = PageRequest.MAX_LIMIT;

  /** At most this many chats (the latest active) are searched at once. */
  static final int MAX_CHATS = 1_000;

  private static final Set<ChatType> ALL_TYPES = Set.of(ChatType.values());

  private final ChatRepository chats;
  private final MembershipRepository memberships;
  private final MessageRepository messages;
  private final BlockList blockList;
  private final Blocks blocks;
  private final ChatViews views;
  private final SupportDesk desk;

  @Inject
  public SearchService(
      ChatRepository chats,
      MembershipRepository memberships,
      MessageRepository messages,
      BlockList blockList,
      Blocks blocks,
      ChatViews views,
      ServiceSettings settings) {
    this.chats = chats;
    this.memberships = memberships;
    this.messages = messages;
    this.blockList = blockList;
    this.blocks = blocks;
    this.views = views;
    this.desk = settings.desk();
  }

  /**
   * A chat searched, with the seqs the searcher sees in it: a chat of two with the chat as read
   * (for the seen marks), or a group with the searcher's membership.
   */
  private record Place(Chat chat, Optional<Membership> membership) {
    static Place pair(Chat chat) {
      return new Place(chat, Optional.empty());
    }

    SearchScope scope(UserId me) {
      return membership
          .map(
              m ->
                  new SearchScope(chat.id(), m.firstVisibleSeq(), m.lastVisibleSeq(chat.lastSeq())))
          .orElseGet(
              () -> new SearchScope(chat.id(), chat.member(me).firstVisibleSeq(), chat.lastSeq()));
    }

    /**
     * The message as the searcher sees it: in a chat of two, seen as in history; in a group, seen
     * when the searcher read it (their own messages come unseen: the history has who read them).
     */
    MessageView view(Message message, UserId me) {
      return membership
          .map(m -> MessageView.of(message, !message.isFrom(me) && m.hasSeen(message.seq()), me))
          .orElseGet(() -> MessageView.of(chat, message, me));
    }
  }

  @Override
  public CompletionStage<SearchPage> search(
      Actor actor, String query, Optional<ChatId> chat, PageRequest page) {
    return Stages.defer(
        () -> {
          // Staff search their own chats: the desk's are the staff room's, not a person's.
          UserId me = actor.id();
          desk.requireNotImpersonatedBy(me);
          List<String> words = SearchTerms.query(query);
          Optional<SearchCursor> after = page.cursor().map(SearchCursor::decode);
          CompletionStage<Map<ChatId, Place>> places =
              chat.isPresent() ? one(me, chat.get()) : all(me);
          return places.thenCompose(found -> page(me, words, found, after, page.limit()));
        });
  }

  private CompletionStage<SearchPage> page(
      UserId me,
      List<String> words,
      Map<ChatId, Place> places,
      Optional<SearchCursor> after,
      int limit) {
    if (places.isEmpty()) {
      return Stages.done(SearchPage.empty());
    }
    List<SearchScope> scopes = new ArrayList<>(places.size());
    places.values().forEach(place -> scopes.add(place.scope(me)));
    return messages
        .search(me, words, scopes, after, limit + 1)
        .thenCompose(
            found -> {
              boolean more = found.size() > limit;
              List<Message> shown = more ? found.subList(0, limit) : found;
              Optional<String> next =
                  more
                      ? Optional.of(cursorOf(shown.get(shown.size() - 1)).encode())
                      : Optional.empty();
              // The store promises these; checked again so that a page never shows more.
              List<Message> visible =
                  shown.stream()
                      .filter(m -> !m.isSystem() && !m.isDeleted() && !m.isHiddenFor(me))
                      .filter(m -> isInScope(m, places.get(m.chatId()), me))
                      .toList();
              return views
                  .shown(visible, m -> places.get(m.chatId()).view(m, me), me)
                  .thenApply(list -> new SearchPage(list, next));
            });
  }

  private static boolean isInScope(Message message, Place place, UserId me) {
    return place != null && place.scope(me).covers(message.seq());
  }

  private static SearchCursor cursorOf(Message message) {
    return new SearchCursor(message.createdAt(), message.id());
  }

  /**
   * The one chat asked for, when it is the searcher's: a group they are or were in, or a chat of
   * two they are in (a user chat with nobody blocked either way).
   */
  private CompletionStage<Map<ChatId, Place>> one(UserId me, ChatId id) {
    return chats
        .findById(id)
        .thenCompose(
            found -> {
              Chat chat = found.orElseThrow(() -> new NotFoundException("Chat not found"));
              if (chat.isGroup()) {
                return views
                    .requireMembership(chat, me)
                    .thenApply(m -> Map.of(id, new Place(chat, Optional.of(m))));
              }
              if (!chat.hasParticipant(me)) {
                throw new NotFoundException("Chat not found");
              }
              if (chat.type() != ChatType.USER_CHAT) {
                return Stages.done(Map.of(id, Place.pair(chat)));
              }
              return blocks
                  .eitherWay(me, chat.otherThan(me))
                  .thenApply(
                      blocked -> {
                        CanTalk.requireUnblocked(blocked);
                        return Map.of(id, Place.pair(chat));
                      });
            });
  }

  /**
   * The searcher's chats, latest activity first, as their chat list has them (chats of two without
   * those blocked either way; groups they are or were in and did not hide), up to {@link
   * #MAX_CHATS}.
   */
  private CompletionStage<Map<ChatId, Place>> all(UserId me) {
    return blockList
        .blockedEitherWay(me)
        .thenCompose(
            blocked ->
                collect(me, CanTalk.unlisted(blocked), Optional.empty(), new LinkedHashMap<>()));
  }

  private CompletionStage<Map<ChatId, Place>> collect(
      UserId me, Set<UserId> excluded, Optional<ChatCursor> after, Map<ChatId, Place> collected) {
    int wanted = Math.min(CHATS_PAGE, MAX_CHATS - collected.size());
    return chats
        .listForUser(me, ALL_TYPES, excluded, after, wanted)
        .thenCompose(
            found ->
                places(found, me)
                    .thenCompose(
                        page -> {
                          page.forEach(place -> collected.put(place.chat().id(), place));
                          if (found.size() < wanted || collected.size() >= MAX_CHATS) {
                            return Stages.done(collected);
                          }
                          ChatCursor last = ChatCursor.of(found.get(found.size() - 1));
                          return collect(me, excluded, Optional.of(last), collected);
                        }));
  }

  /** A page of chats as places, in order: the groups' memberships read all at once, by key. */
  private CompletionStage<List<Place>> places(List<Chat> found, UserId me) {
    CompletionStage<List<Place>> places = Stages.done(new ArrayList<>(found.size()));
    for (Chat chat : found) {
      CompletionStage<Optional<Place>> place =
          chat.isGroup()
              ? memberships
                  .find(chat.id(), me)
                  .thenApply(m -> m.map(x -> new Place(chat, Optional.of(x))))
              : Stages.done(Optional.of(Place.pair(chat)));
      places =
          places.thenCombine(
              place,
              (list, one) -> {
                one.ifPresent(list::add);
                return list;
              });
    }
    return places;
  }
}
