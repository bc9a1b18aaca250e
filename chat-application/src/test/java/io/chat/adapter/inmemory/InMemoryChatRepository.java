package io.chat.adapter.inmemory;

import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.message.Message;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Chats in memory. One lock makes each call one atomic step, as one document update is in MongoDB;
 * chats are immutable, so what leaves is never changed by a later write.
 */
public final class InMemoryChatRepository implements ChatRepository {
  private final InMemoryStoreHealth health;
  private final Object lock = new Object();
  private final Map<ChatId, Chat> chats = new HashMap<>();
  private final Map<Slot, ChatId> byPair = new HashMap<>();
  private final InMemoryMembershipRepository memberships;

  public InMemoryChatRepository() {
    this(new InMemoryStoreHealth());
  }

  /** A repository that fails while {@code health} is down. */
  public InMemoryChatRepository(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
    this.memberships = new InMemoryMembershipRepository(health);
  }

  /** The groups' members, which the chat list reads: one store with the chats. */
  public InMemoryMembershipRepository memberships() {
    return memberships;
  }

  @Override
  public CompletionStage<Optional<Chat>> findById(ChatId id) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return Optional.ofNullable(chats.get(id));
          }
        });
  }

  @Override
  public CompletionStage<Optional<Chat>> findByPair(ChatType type, PairKey pair) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return Optional.ofNullable(byPair.get(new Slot(type, pair))).map(chats::get);
          }
        });
  }

  @Override
  public CompletionStage<Chat> findOrCreate(Chat candidate) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat existing = existing(candidate);
            if (existing != null) {
              return existing;
            }
            store(candidate);
            return candidate;
          }
        });
  }

  @Override
  public CompletionStage<Chat> recordMessage(
      Chat ifAbsent, NewMessage message, Optional<SupportStatus> supportStatus) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat existing = existing(ifAbsent);
            Chat current = existing != null ? existing : ifAbsent;
            // Built before anything is stored: a refused message creates no chat either.
            Chat next =
                current.withMessage(message.at(current.id(), current.lastSeq() + 1), supportStatus);
            store(next);
            return next;
          }
        });
  }

  @Override
  public CompletionStage<Boolean> compareAndSetMember(
      ChatId id, UserId member, long expectedLastSeq, MemberState expected, MemberState next) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat chat = chats.get(id);
            if (chat == null
                || chat.lastSeq() != expectedLastSeq
                || !chat.member(member).equals(expected)) {
              return false;
            }
            store(chat.withMember(member, next));
            return true;
          }
        });
  }

  @Override
  public CompletionStage<Void> recordRevision(
      ChatId id, long change, Optional<Message> revisedLast) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat chat = chats.get(id);
            if (chat == null) {
              return null;
            }
            Chat next = chat.withLastChange(Math.max(chat.lastChange(), change));
            if (revisedLast.isPresent()
                && next.lastMessage().map(m -> m.seq() == revisedLast.get().seq()).orElse(false)
                && revisedLast.get().change() >= next.lastMessage().get().change()) {
              next = next.withRevisedLast(revisedLast.get());
            }
            store(next);
            return null;
          }
        });
  }

  @Override
  public CompletionStage<Boolean> advanceDelivered(ChatId id, UserId member, long seq) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat chat = chats.get(id);
            if (chat == null || !chat.hasParticipant(member)) {
              return false;
            }
            MemberState m = chat.member(member);
            if (seq <= m.deliveredSeq()) {
              return false;
            }
            store(
                chat.withMember(
                    member,
                    new MemberState(
                        m.readSeq(), m.clearedSeq(), m.unread(), seq, m.archivedSeq())));
            return true;
          }
        });
  }

  @Override
  public CompletionStage<Boolean> setArchived(ChatId id, UserId member, long seq) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat chat = chats.get(id);
            if (chat == null || !chat.hasParticipant(member)) {
              return false;
            }
            MemberState m = chat.member(member);
            store(
                chat.withMember(
                    member,
                    new MemberState(
                        m.readSeq(), m.clearedSeq(), m.unread(), m.deliveredSeq(), seq)));
            return true;
          }
        });
  }

  @Override
  public CompletionStage<Optional<Chat>> updateSupport(ChatId id, SupportChange change) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat chat = chats.get(id);
            if (chat == null || !chat.isSupport()) {
              return Optional.empty();
            }
            Chat next = chat.withSupport(change.applyTo(chat.support().orElseThrow()));
            store(next);
            return Optional.of(next);
          }
        });
  }

  @Override
  public CompletionStage<Optional<Chat>> updateGroup(ChatId id, Group group) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Chat chat = chats.get(id);
            if (chat == null || !chat.isGroup()) {
              return Optional.empty();
            }
            Chat next = chat.withGroup(group);
            store(next);
            return Optional.of(next);
          }
        });
  }

  @Override
  public CompletionStage<List<Chat>> listForUser(
      UserId user,
      Set<ChatType> types,
      Set<UserId> excludedPartners,
      Optional<ChatCursor> after,
      int limit) {
    return memberships
        .listedGroupsOf(user)
        .thenCompose(
            groups ->
                Stages.answer(
                    health,
                    () -> {
                      Stages.requirePositive(limit);
                      Set<ChatId> mine = Set.copyOf(groups);
                      return page(
                          snapshot()
                              .filter(chat -> types.contains(chat.type()))
                              .filter(
                                  chat ->
                                      chat.isGroup()
                                          ? mine.contains(chat.id())
                                          : chat.hasParticipant(user)
                                              && !excludedPartners.contains(chat.otherThan(user)))
                              .filter(Chat::hasMessages),
                          after,
                          limit);
                    }));
  }

  @Override
  public CompletionStage<List<Chat>> listSupport(
      Optional<SupportStatus> status, Optional<ChatCursor> after, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          return page(
              snapshot()
                  .filter(Chat::isSupport)
                  .filter(
                      chat ->
                          status.isEmpty()
                              || chat.support().orElseThrow().status() == status.get()),
              after,
              limit);
        });
  }

  @Override
  public CompletionStage<Set<UserId>> partnersOf(UserId user) {
    return Stages.answer(
        health,
        () ->
            snapshot()
                .filter(chat -> chat.hasParticipant(user))
                .map(chat -> chat.otherThan(user))
                .collect(Collectors.toUnmodifiableSet()));
  }

  private Chat existing(Chat chat) {
    if (chat.isGroup()) {
      return chats.get(chat.id());
    }
    ChatId id = byPair.get(Slot.of(chat));
    return id == null ? null : chats.get(id);
  }

  private void store(Chat chat) {
    chats.put(chat.id(), chat);
    if (!chat.isGroup()) {
      byPair.put(Slot.of(chat), chat.id());
    }
  }

  private Stream<Chat> snapshot() {
    synchronized (lock) {
      return List.copyOf(chats.values()).stream();
    }
  }

  private static List<Chat> page(Stream<Chat> chats, Optional<ChatCursor> after, int limit) {
    return chats
        .filter(chat -> after.map(cursor -> cursor.precedes(chat)).orElse(true))
        .sorted(ChatCursor.ORDER)
        .limit(limit)
        .toList();
  }

  /** The unique key of a chat: its type and pair. */
  private record Slot(ChatType type, PairKey pair) {
    static Slot of(Chat chat) {
      return new Slot(chat.type(), chat.pair());
    }
  }
}
