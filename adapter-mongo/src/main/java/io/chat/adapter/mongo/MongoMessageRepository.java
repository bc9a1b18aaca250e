package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.CHANGE;
import static io.chat.adapter.mongo.Codec.CHAT_ID;
import static io.chat.adapter.mongo.Codec.ID;
import static io.chat.adapter.mongo.Codec.IDEMPOTENCY_KEY;
import static io.chat.adapter.mongo.Codec.KIND;
import static io.chat.adapter.mongo.Codec.LAST_SEQ;
import static io.chat.adapter.mongo.Codec.MESSAGE_ID;
import static io.chat.adapter.mongo.Codec.PIN;
import static io.chat.adapter.mongo.Codec.PIN_AT;
import static io.chat.adapter.mongo.Codec.SENDER;
import static io.chat.adapter.mongo.Codec.SEQ;
import static io.chat.adapter.mongo.Codec.SYSTEM_KIND;

import com.mongodb.client.model.CountOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.Failures;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The messages collection. A message's {@code _id} is its place ({@code chatId:seq}), so a page of
 * history is a lookup of the page's exact {@code _id}s: one primary-index probe per message on any
 * store, whatever the length of the history. The seqs of a page are known from the chat's {@code
 * lastSeq}; the rare gaps (a send that failed between taking its seq and storing its message) are
 * filled by probing further windows, and a range query over the unique {@code (chatId, seq)} index
 * answers whatever the windows cannot.
 *
 * <p>A revision replaces the revisable fields of one document at its place, guarded by its change
 * number; the revised messages of a chat are a range of the {@code {chatId, change}} index, which
 * holds only messages ever revised. Search is {@link MongoMessageSearch}'s.
 */
final class MongoMessageRepository implements MessageRepository {
  /** Windows probed before a page falls back to a range query. */
  private static final int MAX_WINDOWS = 4;

  /** Past this many seqs, counting by probing each message costs more than a range query. */
  private static final int MAX_PROBED_COUNT = 1_000;

  private static final Comparator<Message> BY_SEQ = Comparator.comparingLong(Message::seq);

  private final MongoCollection<Document> messages;
  private final MongoCollection<Document> chats;
  private final MongoMessageSearch search;

  MongoMessageRepository(MongoCollection<Document> messages, MongoCollection<Document> chats) {
    this.messages = messages;
    this.chats = chats;
    this.search = new MongoMessageSearch(messages);
  }

  @Override
  public CompletionStage<Stored> insert(Message message) {
    return Stages.done(messages.insertOne(Codec.messageDocument(message)))
        .thenApply(ignored -> new Stored(message, true))
        .handle(
            (stored, error) -> {
              if (error == null) {
                return CompletableFuture.completedStage(stored);
              }
              if (StoreErrors.isDuplicateKey(error)) {
                return alreadyStored(message, Failures.unwrapped(error));
              }
              return CompletableFuture.<Stored>failedStage(Failures.unwrapped(error));
            })
        .thenCompose(stage -> stage);
  }

  /** A retry of a stored message (by its client id, or the very same message again). */
  private CompletionStage<Stored> alreadyStored(Message message, Throwable duplicate) {
    CompletionStage<Optional<Message>> existing =
        message.clientMessageId().isPresent()
            ? findByClientMessageId(
                message.chatId(), message.sender(), message.clientMessageId().get())
            : CompletableFuture.completedStage(Optional.empty());
    return existing
        .thenCompose(
            found ->
                found.isPresent()
                    ? CompletableFuture.completedStage(found)
                    : findById(message.id())
                        .thenApply(byId -> byId.filter(m -> m.chatId().equals(message.chatId()))))
        .thenCompose(
            found ->
                found
                    .map(m -> CompletableFuture.completedStage(new Stored(m, false)))
                    .orElseGet(() -> CompletableFuture.failedStage(duplicate)));
  }

  @Override
  public CompletionStage<Optional<Message>> findById(MessageId id) {
    return one(new Document(MESSAGE_ID, id.value()));
  }

  @Override
  public CompletionStage<Optional<Message>> findByClientMessageId(
      ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    return one(new Document(IDEMPOTENCY_KEY, Codec.idempotencyKey(chat, sender, clientMessageId)));
  }

  private CompletionStage<Optional<Message>> one(Document filter) {
    return Stages.first(messages.find(filter).limit(1)).thenApply(d -> d.map(Codec::message));
  }

  @Override
  public CompletionStage<List<Message>> latestBefore(
      ChatId chat, long fromSeq, long beforeSeq, int limit) {
    long lowest = Math.max(1, fromSeq);
    long highest = beforeSeq - 1;
    if (limit <= 0 || highest < lowest) {
      return CompletableFuture.completedStage(List.of());
    }
    // The first window goes out with the chat's lastSeq read, not after it: for a page below
    // lastSeq (the usual case) it is the whole answer.
    long firstLow = Math.max(lowest, highest - limit + 1);
    CompletionStage<List<Message>> first = window(chat, firstLow, highest);
    return lastSeq(chat)
        .thenCompose(
            last -> {
              if (last.isEmpty()) {
                return rangeLatest(chat, lowest, beforeSeq, limit);
              }
              Down down = new Down(chat, lowest, limit);
              long clamped = Math.min(highest, last.getAsLong());
              if (clamped == highest) {
                return first.thenCompose(found -> down.take(found, firstLow - 1));
              }
              return down.take(List.of(), clamped);
            });
  }

  /** Probes windows of seqs downwards from a seq, collecting the latest messages of a page. */
  private final class Down {
    private final ChatId chat;
    private final long lowest;
    private final int limit;
    private final List<Message> collected = new ArrayList<>();
    private int windows;

    Down(ChatId chat, long lowest, int limit) {
      this.chat = chat;
      this.lowest = lowest;
      this.limit = limit;
    }

    /** Adds what a window found, then probes from {@code next} downwards if the page is short. */
    CompletionStage<List<Message>> take(List<Message> found, long next) {
      collected.addAll(found);
      if (collected.size() >= limit || next < lowest) {
        return CompletableFuture.completedStage(sorted(collected, limit));
      }
      int missing = limit - collected.size();
      if (++windows > MAX_WINDOWS) {
        return rangeLatest(chat, lowest, next + 1, missing)
            .thenApply(
                rest -> {
                  collected.addAll(rest);
                  return sorted(collected, limit);
                });
      }
      long low = Math.max(lowest, next - missing + 1);
      return window(chat, low, next).thenCompose(more -> take(more, low - 1));
    }
  }

  @Override
  public CompletionStage<List<Message>> earliestAfter(ChatId chat, long afterSeq, int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    long low = Math.max(1, afterSeq + 1);
    long high = low + limit - 1;
    CompletionStage<List<Message>> first = window(chat, low, high);
    return lastSeq(chat)
        .thenCompose(
            last -> {
              if (last.isEmpty()) {
                return rangeEarliest(chat, afterSeq, limit);
              }
              Up up = new Up(chat, last.getAsLong(), limit);
              return first.thenCompose(found -> up.take(found, high + 1));
            });
  }

  /** Probes windows of seqs upwards from a seq, up to the chat's lastSeq. */
  private final class Up {
    private final ChatId chat;
    private final long last;
    private final int limit;
    private final List<Message> collected = new ArrayList<>();
    private int windows;

    Up(ChatId chat, long last, int limit) {
      this.chat = chat;
      this.last = last;
      this.limit = limit;
    }

    CompletionStage<List<Message>> take(List<Message> found, long next) {
      collected.addAll(found);
      if (collected.size() >= limit || next > last) {
        return CompletableFuture.completedStage(sorted(collected, limit));
      }
      int missing = limit - collected.size();
      if (++windows > MAX_WINDOWS) {
        return rangeEarliest(chat, next - 1, missing)
            .thenApply(
                rest -> {
                  collected.addAll(rest);
                  return sorted(collected, limit);
                });
      }
      long high = Math.min(last, next + missing - 1);
      return window(chat, next, high).thenCompose(more -> take(more, high + 1));
    }
  }

  @Override
  public CompletionStage<Long> countFrom(ChatId chat, UserId sender, long afterSeq) {
    return lastSeq(chat)
        .thenCompose(
            last -> {
              if (last.isPresent() && last.getAsLong() - afterSeq <= MAX_PROBED_COUNT) {
                if (last.getAsLong() <= afterSeq) {
                  return CompletableFuture.completedStage(0L);
                }
                return window(chat, Math.max(1, afterSeq + 1), last.getAsLong())
                    .thenApply(found -> found.stream().filter(m -> m.isFrom(sender)).count());
              }
              Document filter =
                  new Document(CHAT_ID, chat.value())
                      .append(SEQ, new Document("$gt", afterSeq))
                      .append(SENDER, sender.value());
              return Stages.single(messages.countDocuments(filter));
            });
  }

  /**
   * Over at most {@link #MAX_PROBED_COUNT} seqs, a probe of their exact {@code _id}s (senders and
   * kinds only); over more, a count on the {@code (chatId, seq)} range that stops at the cap.
   */
  @Override
  public CompletionStage<Long> countUnread(
      ChatId chat, UserId reader, long afterSeq, long upToSeq, int cap) {
    if (cap <= 0 || upToSeq <= afterSeq || upToSeq < 1) {
      return CompletableFuture.completedStage(0L);
    }
    long low = Math.max(1, afterSeq + 1);
    if (upToSeq - low < MAX_PROBED_COUNT) {
      List<String> keys = new ArrayList<>((int) (upToSeq - low + 1));
      for (long seq = low; seq <= upToSeq; seq++) {
        keys.add(Codec.messageKey(chat, seq));
      }
      Document projection = new Document(SENDER, 1).append(KIND, 1);
      return Stages.list(
              messages.find(new Document(ID, new Document("$in", keys))).projection(projection))
          .thenApply(
              docs ->
                  Math.min(
                      cap,
                      docs.stream()
                          .filter(d -> !SYSTEM_KIND.equals(d.getString(KIND)))
                          .filter(d -> !reader.value().equals(d.getString(SENDER)))
                          .count()));
    }
    Document filter =
        new Document(CHAT_ID, chat.value())
            .append(SEQ, new Document("$gt", afterSeq).append("$lte", upToSeq))
            .append(SENDER, new Document("$ne", reader.value()))
            .append(KIND, new Document("$ne", SYSTEM_KIND));
    return Stages.single(messages.countDocuments(filter, new CountOptions().limit(cap)));
  }

  /**
   * One {@code update} by {@code _id} (the message's place, so the primary index on any store) that
   * sets the revisable fields the revision has and unsets those it has not: a tombstone loses its
   * text, mentions, quote and search words. The filter leaves alone a document already at this
   * change or a later one ({@code change} absent reads as 0), so that a late writer undoes nothing.
   */
  @Override
  public CompletionStage<Void> revise(Message revised) {
    Document stored = Codec.messageDocument(revised);
    Document set = new Document();
    Document unset = new Document();
    for (String field : Codec.REVISED_FIELDS) {
      if (stored.containsKey(field)) {
        set.append(field, stored.get(field));
      } else {
        unset.append(field, "");
      }
    }
    Document update = new Document("$set", set);
    if (!unset.isEmpty()) {
      update.append("$unset", unset);
    }
    Document filter =
        new Document(ID, Codec.messageKey(revised.chatId(), revised.seq()))
            .append(MESSAGE_ID, revised.id().value())
            .append(CHANGE, new Document("$not", new Document("$gte", revised.change())));
    return Stages.done(messages.updateOne(filter, update));
  }

  /** One {@code find} of the ids in the unique {@code {mid}} index. */
  @Override
  public CompletionStage<List<Message>> findByIds(Collection<MessageId> ids) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedStage(List.of());
    }
    List<String> values = ids.stream().map(MessageId::value).distinct().sorted().toList();
    return Stages.list(messages.find(new Document(MESSAGE_ID, new Document("$in", values))))
        .thenApply(docs -> docs.stream().map(Codec::message).collect(Collectors.toList()));
  }

  /**
   * One {@code find} over the chat's range of the {@code {chatId, change}} index, lowest change
   * first: it reads only revised messages, whatever the length of the history.
   */
  @Override
  public CompletionStage<List<Message>> revisedBetween(
      ChatId chat, long afterChange, long upToChange, int limit) {
    if (limit <= 0 || upToChange <= afterChange) {
      return CompletableFuture.completedStage(List.of());
    }
    Document filter =
        new Document(CHAT_ID, chat.value())
            .append(
                CHANGE, new Document("$gt", Math.max(0, afterChange)).append("$lte", upToChange));
    return Stages.list(messages.find(filter).sort(new Document(CHANGE, 1)).limit(limit))
        .thenApply(docs -> docs.stream().map(Codec::message).collect(Collectors.toList()));
  }

  /**
   * One {@code find} over the chat's range of the partial {@code {chatId, pin.at, seq}} index,
   * which holds only pinned messages.
   */
  @Override
  public CompletionStage<List<Message>> pinned(ChatId chat, int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    Document filter =
        new Document(CHAT_ID, chat.value()).append(PIN, new Document("$exists", true));
    Document order = new Document(PIN + '.' + PIN_AT, -1).append(SEQ, -1);
    return Stages.list(messages.find(filter).sort(order).limit(limit))
        .thenApply(docs -> docs.stream().map(Codec::message).collect(Collectors.toList()));
  }

  @Override
  public CompletionStage<List<Message>> search(
      UserId searcher,
      List<String> words,
      List<SearchScope> scopes,
      Optional<SearchCursor> after,
      int limit) {
    return search.search(searcher, words, scopes, after, limit);
  }

  /**
   * The chat's lastSeq, the highest seq any of its messages can have (a message is stored after its
   * seq is taken); empty when there is no chat to know it from.
   */
  private CompletionStage<OptionalLong> lastSeq(ChatId chat) {
    return Stages.first(
            chats
                .find(MongoChatRepository.byId(chat))
                .projection(new Document(LAST_SEQ, 1))
                .limit(1))
        .thenApply(
            doc ->
                doc.map(d -> OptionalLong.of(Codec.number(d, LAST_SEQ)))
                    .orElse(OptionalLong.empty()));
  }

  /** The messages at exactly the seqs {@code low..high}: a lookup of their {@code _id}s. */
  private CompletionStage<List<Message>> window(ChatId chat, long low, long high) {
    if (high < low) {
      return CompletableFuture.completedStage(List.of());
    }
    List<String> keys = new ArrayList<>((int) (high - low + 1));
    for (long seq = low; seq <= high; seq++) {
      keys.add(Codec.messageKey(chat, seq));
    }
    return Stages.list(messages.find(new Document(ID, new Document("$in", keys))))
        .thenApply(docs -> docs.stream().map(Codec::message).collect(Collectors.toList()));
  }

  private CompletionStage<List<Message>> rangeLatest(
      ChatId chat, long fromSeq, long beforeSeq, int limit) {
    Document filter =
        new Document(CHAT_ID, chat.value())
            .append(SEQ, new Document("$gte", fromSeq).append("$lt", beforeSeq));
    return Stages.list(messages.find(filter).sort(new Document(SEQ, -1)).limit(limit))
        .thenApply(docs -> sorted(docs.stream().map(Codec::message).toList(), limit));
  }

  private CompletionStage<List<Message>> rangeEarliest(ChatId chat, long afterSeq, int limit) {
    Document filter =
        new Document(CHAT_ID, chat.value()).append(SEQ, new Document("$gt", afterSeq));
    return Stages.list(messages.find(filter).sort(new Document(SEQ, 1)).limit(limit))
        .thenApply(docs -> docs.stream().map(Codec::message).collect(Collectors.toList()));
  }

  /** Oldest first; when more than a page was collected, the page is the latest of them. */
  private static List<Message> sorted(List<Message> found, int limit) {
    List<Message> ordered = found.stream().sorted(BY_SEQ).distinct().toList();
    return ordered.size() <= limit
        ? ordered
        : ordered.subList(ordered.size() - limit, ordered.size());
  }
}
