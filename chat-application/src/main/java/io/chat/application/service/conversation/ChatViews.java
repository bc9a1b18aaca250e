package io.chat.application.service.conversation;

import io.chat.application.port.in.ChatPage;
import io.chat.application.port.in.ChatView;
import io.chat.application.port.in.HistoryPage;
import io.chat.application.port.in.HistoryRange;
import io.chat.application.port.in.MessageView;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.MuteSettings;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.application.service.user.Directory;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.message.Message;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Chats and history pages as one viewer sees them. Shared by the services. */
@Singleton
public final class ChatViews {
  private final MessageRepository messages;
  private final MuteSettings mutes;
  private final Directory directory;
  private final SupportDesk desk;
  private final Clock clock;

  @Inject
  public ChatViews(
      MessageRepository messages,
      MuteSettings mutes,
      Directory directory,
      ServiceSettings settings,
      Clock clock) {
    this.messages = messages;
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
    for (Chat chat : chats) {
      people.addAll(chat.participants());
      ids.add(chat.id());
    }
    CompletionStage<Map<ChatId, Mute>> muted =
        desk.mutes(viewer) ? mutes.findAll(viewer, ids) : Stages.done(Map.of());
    return directory
        .profiles(people)
        .thenCombine(
            muted,
            (profiles, mutesByChat) -> {
              Instant now = clock.instant();
              List<ChatView> views = new ArrayList<>(chats.size());
              for (Chat chat : chats) {
                views.add(view(chat, viewer, profiles, mutesByChat.get(chat.id()), now));
              }
              return views;
            });
  }

  private static ChatView view(
      Chat chat, UserId viewer, Map<UserId, UserProfile> profiles, Mute mute, Instant now) {
    Optional<Mute> active = Optional.ofNullable(mute).filter(m -> m.isActiveAt(now));
    return new ChatView(
        chat.id(),
        chat.type(),
        chat.participants().stream().map(profiles::get).toList(),
        chat.lastMessageFor(viewer).map(m -> MessageView.of(chat, m, viewer)),
        chat.unreadFor(viewer),
        active.isPresent(),
        active.flatMap(Mute::until),
        chat.support(),
        chat.createdAt(),
        chat.updatedAt());
  }

  /**
   * A page of the chat's history for {@code viewer}, never before their clear mark: the latest
   * page, the page before a seq, or what came after a seq.
   */
  public CompletionStage<HistoryPage> history(Chat chat, UserId viewer, HistoryRange range) {
    long floor = chat.member(viewer).clearedSeq();
    int limit = range.limit();
    if (range.after().isPresent()) {
      long after = Math.max(range.after().get(), floor);
      return messages
          .earliestAfter(chat.id(), after, limit + 1)
          .thenApply(
              found ->
                  page(
                      chat,
                      viewer,
                      found.subList(0, Math.min(limit, found.size())),
                      found.size() > limit));
    }
    long before = range.before().orElse(Long.MAX_VALUE);
    return messages
        .latestBefore(chat.id(), floor + 1, before, limit + 1)
        .thenApply(
            found -> {
              boolean more = found.size() > limit;
              return page(
                  chat,
                  viewer,
                  more ? found.subList(found.size() - limit, found.size()) : found,
                  more);
            });
  }

  private static HistoryPage page(Chat chat, UserId viewer, List<Message> found, boolean more) {
    return new HistoryPage(found.stream().map(m -> MessageView.of(chat, m, viewer)).toList(), more);
  }
}
