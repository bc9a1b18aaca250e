package io.chat.adapter.inmemory;

import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Messages in memory, indexed as in MongoDB: by id, by {@code (chatId, seq)} and by {@code (chatId,
 * sender, clientMessageId)}, the last two unique.
 */
public final class InMemoryMessageRepository implements MessageRepository {
  private final InMemoryStoreHealth health;
  private final Object lock = new Object();
  private final Map<MessageId, Message> byId = new HashMap<>();
  private final Map<ChatId, NavigableMap<Long, Message>> bySeq = new HashMap<>();
  private final Map<ClientKey, Message> byClientKey = new HashMap<>();

  public InMemoryMessageRepository() {
    this(new InMemoryStoreHealth());
  }

  /** A repository that fails while {@code health} is down. */
  public InMemoryMessageRepository(InMemoryStoreHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  @Override
  public CompletionStage<Stored> insert(Message message) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            Optional<ClientKey> key = ClientKey.of(message);
            Message earlier = key.map(byClientKey::get).orElse(null);
            if (earlier != null) {
              return new Stored(earlier, false);
            }
            NavigableMap<Long, Message> chat =
                bySeq.computeIfAbsent(message.chatId(), id -> new TreeMap<>());
            if (chat.containsKey(message.seq())) {
              throw new IllegalStateException("seq " + message.seq() + " is taken in its chat");
            }
            if (byId.containsKey(message.id())) {
              throw new IllegalStateException("message id " + message.id() + " is taken");
            }
            chat.put(message.seq(), message);
            byId.put(message.id(), message);
            key.ifPresent(k -> byClientKey.put(k, message));
            return new Stored(message, true);
          }
        });
  }

  @Override
  public CompletionStage<Optional<Message>> findById(MessageId id) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return Optional.ofNullable(byId.get(id));
          }
        });
  }

  @Override
  public CompletionStage<Optional<Message>> findByClientMessageId(
      ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return Optional.ofNullable(
                byClientKey.get(new ClientKey(chat, sender, clientMessageId)));
          }
        });
  }

  @Override
  public CompletionStage<List<Message>> latestBefore(
      ChatId chat, long fromSeq, long beforeSeq, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          synchronized (lock) {
            NavigableMap<Long, Message> messages = bySeq.get(chat);
            if (messages == null || fromSeq >= beforeSeq) {
              return List.of();
            }
            List<Message> page = new ArrayList<>(limit);
            for (Message m :
                messages.subMap(fromSeq, true, beforeSeq, false).descendingMap().values()) {
              if (page.size() == limit) {
                break;
              }
              page.add(m);
            }
            Collections.reverse(page);
            return List.copyOf(page);
          }
        });
  }

  @Override
  public CompletionStage<List<Message>> earliestAfter(ChatId chat, long afterSeq, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          synchronized (lock) {
            NavigableMap<Long, Message> messages = bySeq.get(chat);
            if (messages == null) {
              return List.of();
            }
            return messages.tailMap(afterSeq, false).values().stream().limit(limit).toList();
          }
        });
  }

  @Override
  public CompletionStage<Long> countUnread(
      ChatId chat, UserId reader, long afterSeq, long upToSeq, int cap) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            NavigableMap<Long, Message> messages = bySeq.get(chat);
            if (messages == null || upToSeq <= afterSeq) {
              return 0L;
            }
            return messages.subMap(afterSeq, false, upToSeq, true).values().stream()
                .filter(m -> !m.isSystem() && !m.isFrom(reader))
                .limit(cap)
                .count();
          }
        });
  }

  @Override
  public CompletionStage<Long> countFrom(ChatId chat, UserId sender, long afterSeq) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            NavigableMap<Long, Message> messages = bySeq.get(chat);
            if (messages == null) {
              return 0L;
            }
            return messages.tailMap(afterSeq, false).values().stream()
                .filter(m -> m.isFrom(sender))
                .count();
          }
        });
  }

  /** The key under which a sender's retry finds the message it already stored. */
  private record ClientKey(ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    static Optional<ClientKey> of(Message message) {
      return message
          .clientMessageId()
          .map(id -> new ClientKey(message.chatId(), message.sender(), id));
    }
  }

  @Override
  public CompletionStage<Void> revise(Message revised) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            NavigableMap<Long, Message> chat = bySeq.get(revised.chatId());
            Message stored = chat == null ? null : chat.get(revised.seq());
            if (stored == null || !stored.id().equals(revised.id())) {
              throw new IllegalStateException("no message " + revised.id() + " at its place");
            }
            if (stored.change() < revised.change()) {
              chat.put(revised.seq(), revised);
              byId.put(revised.id(), revised);
              ClientKey.of(revised).ifPresent(k -> byClientKey.put(k, revised));
            }
            return null;
          }
        });
  }

  @Override
  public CompletionStage<List<Message>> findByIds(Collection<MessageId> ids) {
    return Stages.answer(
        health,
        () -> {
          synchronized (lock) {
            return ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
          }
        });
  }

  @Override
  public CompletionStage<List<Message>> revisedBetween(
      ChatId chat, long afterChange, long upToChange, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          synchronized (lock) {
            return bySeq.getOrDefault(chat, Collections.emptyNavigableMap()).values().stream()
                .filter(m -> m.change() > afterChange && m.change() <= upToChange)
                .sorted(Comparator.comparingLong(Message::change))
                .limit(limit)
                .toList();
          }
        });
  }

  @Override
  public CompletionStage<List<Message>> pinned(ChatId chat, int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          synchronized (lock) {
            return bySeq.getOrDefault(chat, Collections.emptyNavigableMap()).values().stream()
                .filter(m -> m.revision().pin().isPresent())
                .sorted(
                    Comparator.comparing((Message m) -> m.revision().pin().get().at())
                        .thenComparingLong(Message::seq)
                        .reversed())
                .limit(limit)
                .toList();
          }
        });
  }

  @Override
  public CompletionStage<List<Message>> search(
      UserId searcher,
      List<String> words,
      List<SearchScope> scopes,
      Optional<SearchCursor> after,
      int limit) {
    return Stages.answer(
        health,
        () -> {
          Stages.requirePositive(limit);
          Comparator<Message> newestFirst =
              Comparator.comparing(Message::createdAt)
                  .thenComparing(m -> m.id().value())
                  .reversed();
          synchronized (lock) {
            return scopes.stream()
                .flatMap(
                    scope ->
                        bySeq
                            .getOrDefault(scope.chat(), Collections.emptyNavigableMap())
                            .subMap(scope.fromSeq(), true, scope.toSeq(), true)
                            .values()
                            .stream())
                .filter(m -> !m.isSystem() && !m.isDeleted() && !m.isHiddenFor(searcher))
                .filter(m -> SearchTerms.words(m.text().value()).containsAll(words))
                .filter(
                    m ->
                        after
                            .map(
                                c ->
                                    newestFirst.compare(
                                            m,
                                            new Message(
                                                c.id(),
                                                m.chatId(),
                                                1,
                                                m.sender(),
                                                m.text(),
                                                c.createdAt(),
                                                Optional.empty()))
                                        > 0)
                            .orElse(true))
                .sorted(newestFirst)
                .limit(limit)
                .toList();
          }
        });
  }
}
