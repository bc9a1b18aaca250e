package io.chat.adapter.inmemory;

import io.chat.application.port.out.MembershipRepository;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/** Group memberships in memory, each call one atomic step under one lock. */
public final class InMemoryMembershipRepository implements MembershipRepository {
  private static final Comparator<Membership> BY_USER = Comparator.comparing(Membership::user);

  private final InMemoryStoreHealth health;
  private final Object lock = new Object();
  private final Map<Key, Membership> memberships = new HashMap<>();

  public InMemoryMembershipRepository(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  private record Key(ChatId chat, UserId user) {}

  @Override
  public CompletionStage<Optional<Membership>> find(ChatId chat, UserId user) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return Optional.ofNullable(memberships.get(new Key(chat, user)));
          }
        });
  }

  @Override
  public CompletionStage<Void> saveAll(List<Membership> list) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            list.forEach(m -> memberships.put(new Key(m.chatId(), m.user()), m));
            return null;
          }
        });
  }

  @Override
  public CompletionStage<List<Membership>> current(ChatId chat) {
    return Stages.answer(health, () -> currentOf(chat, Optional.empty(), Integer.MAX_VALUE));
  }

  @Override
  public CompletionStage<List<Membership>> currentPage(
      ChatId chat, Optional<UserId> after, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          return currentOf(chat, after, limit);
        });
  }

  private List<Membership> currentOf(ChatId chat, Optional<UserId> after, int limit) {
    synchronized (lock) {
      return memberships.values().stream()
          .filter(m -> m.chatId().equals(chat) && m.isCurrent())
          .filter(m -> after.map(a -> m.user().compareTo(a) > 0).orElse(true))
          .sorted(BY_USER)
          .limit(limit)
          .toList();
    }
  }

  @Override
  public CompletionStage<Integer> countCurrent(ChatId chat) {
    return Stages.answer(health, () -> currentOf(chat, Optional.empty(), Integer.MAX_VALUE).size());
  }

  @Override
  public CompletionStage<List<ChatId>> listedGroupsOf(UserId user) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return memberships.values().stream()
                .filter(m -> m.user().equals(user) && !m.hidden())
                .map(Membership::chatId)
                .toList();
          }
        });
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceRead(ChatId chat, UserId user, long seq) {
    return advance(chat, user, m -> m.readUpTo(seq));
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceCleared(ChatId chat, UserId user, long seq) {
    return advance(chat, user, m -> m.clearedUpTo(seq));
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceDelivered(
      ChatId chat, UserId user, long seq) {
    return advance(
        chat,
        user,
        m ->
            seq <= m.deliveredSeq()
                ? m
                : new Membership(
                    m.chatId(),
                    m.user(),
                    m.role(),
                    m.joinedSeq(),
                    m.leftSeq(),
                    m.readSeq(),
                    m.clearedSeq(),
                    m.joinedAt(),
                    m.hidden(),
                    seq,
                    m.archivedSeq()));
  }

  @Override
  public CompletionStage<Boolean> setArchived(ChatId chat, UserId user, long seq) {
    return advance(
            chat,
            user,
            m ->
                new Membership(
                    m.chatId(),
                    m.user(),
                    m.role(),
                    m.joinedSeq(),
                    m.leftSeq(),
                    m.readSeq(),
                    m.clearedSeq(),
                    m.joinedAt(),
                    m.hidden(),
                    m.deliveredSeq(),
                    seq))
        .thenApply(Optional::isPresent);
  }

  private CompletionStage<Optional<Membership>> advance(
      ChatId chat, UserId user, UnaryOperator<Membership> step) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Membership before = memberships.get(new Key(chat, user));
            if (before != null) {
              memberships.put(new Key(chat, user), step.apply(before));
            }
            return Optional.ofNullable(before);
          }
        });
  }

  @Override
  public CompletionStage<List<Membership>> readingFrom(ChatId chat, long fromSeq, UserId except) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return memberships.values().stream()
                .filter(m -> m.chatId().equals(chat) && !m.user().equals(except))
                .filter(m -> m.delivered() >= fromSeq)
                .sorted(BY_USER)
                .toList();
          }
        });
  }

  @Override
  public CompletionStage<Boolean> setRole(ChatId chat, UserId user, GroupRole role) {
    return change(chat, user, Membership::isCurrent, m -> m.withRole(role));
  }

  @Override
  public CompletionStage<Boolean> leave(ChatId chat, UserId user, long seq) {
    return change(chat, user, Membership::isCurrent, m -> m.leftAt(seq));
  }

  @Override
  public CompletionStage<Boolean> hide(ChatId chat, UserId user) {
    return change(chat, user, m -> !m.isCurrent(), Membership::hiddenFromList);
  }

  private CompletionStage<Boolean> change(
      ChatId chat,
      UserId user,
      java.util.function.Predicate<Membership> when,
      UnaryOperator<Membership> step) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Membership current = memberships.get(new Key(chat, user));
            if (current == null || !when.test(current)) {
              return false;
            }
            memberships.put(new Key(chat, user), step.apply(current));
            return true;
          }
        });
  }

  @Override
  public CompletionStage<List<Membership>> readers(
      ChatId chat, long seq, UserId except, Optional<UserId> after, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          synchronized (lock) {
            List<Membership> found = new ArrayList<>();
            memberships.values().stream()
                .filter(m -> m.chatId().equals(chat) && !m.user().equals(except))
                .filter(m -> m.readSeq() >= seq && m.joinedSeq() <= seq)
                .filter(m -> after.map(a -> m.user().compareTo(a) > 0).orElse(true))
                .sorted(BY_USER)
                .limit(limit)
                .forEach(found::add);
            return List.copyOf(found);
          }
        });
  }
}
