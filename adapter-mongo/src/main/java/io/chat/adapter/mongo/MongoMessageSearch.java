package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.CHAT_ID;
import static io.chat.adapter.mongo.Codec.CREATED_AT;
import static io.chat.adapter.mongo.Codec.HIDDEN_FOR;
import static io.chat.adapter.mongo.Codec.ID;
import static io.chat.adapter.mongo.Codec.MESSAGE_ID;
import static io.chat.adapter.mongo.Codec.SEQ;
import static io.chat.adapter.mongo.Codec.WORDS;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.Message;
import io.chat.domain.shared.Failures;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Message search over the words each live text message is stored with ({@link Codec#WORDS}, made by
 * {@link io.chat.domain.message.SearchTerms}: case and accents folded once, in the core, the same
 * for every store). System entries and tombstones have no words, so they never match; messages
 * hidden for the searcher are filtered out on the document.
 *
 * <p>On MongoDB ({@link Plan#INDEXED}) a search is one query answered from the multikey index
 * {@value #INDEX} on {@code (chatId, w, createdAt desc, mid desc)}: one branch per chat searched
 * (that chat, the first word as an index point, the others and the seq range checked on the fetched
 * document, the time at or before the cursor), each an index range already in result order, merged
 * (a merge sort, no blocking sort). A page costs one index seek per chat plus the page's fetches,
 * whatever the number of messages stored, and never reads another user's messages. The index is
 * hinted, so that no branch falls back to the {@code (chatId, seq)} index and a blocking sort.
 *
 * <p>A store without a query planner ({@link Plan#SCANNING}: the embedded store, which keeps no
 * index but unique ones and answers no {@code explain}) scans whatever the query; there, a branch
 * per chat would be matched against every message of the store that has the words (seconds for a
 * user in 1,000 chats and a common word in 100,000 messages). So on it a search over more than
 * {@value #MAX_BRANCHES_SCANNED} chats reads the keys of the messages that have the words, newest
 * first, keeps those in the scopes (a hash lookup each) and stops at a page, then reads that page
 * by {@code _id}: the store's own cost is then one scan and one sort of the messages with the
 * words, whatever the number of chats. Which plan a store gets is found once, by asking it to
 * explain a query.
 */
final class MongoMessageSearch {
  /** The index every search reads on MongoDB. */
  static final String INDEX = "chatId_w_createdAt_mid";

  /** MongoDB's code for a command the server does not have. */
  private static final int COMMAND_NOT_FOUND = 59;

  /**
   * Up to this many chats, a store that scans gets the one query of branches too: it matches each
   * message that has the words against each branch, which costs less than reading and sorting the
   * keys of all of them while the branches are few.
   */
  static final int MAX_BRANCHES_SCANNED = 32;

  /** Keys read per batch by a scanning search. */
  private static final int SCAN_BATCH = 256;

  private static final Document NEWEST_FIRST = new Document(CREATED_AT, -1).append(MESSAGE_ID, -1);

  /** How a store answers a search. */
  enum Plan {
    /** From the search index: a store with a query planner (MongoDB). */
    INDEXED,
    /** By scanning the messages: a store without one (the embedded test double). */
    SCANNING
  }

  private final MongoCollection<Document> messages;
  private final AtomicReference<CompletableFuture<Plan>> plan = new AtomicReference<>();

  MongoMessageSearch(MongoCollection<Document> messages) {
    this.messages = messages;
  }

  /** A search that answers with {@code plan} whatever the store (for tests of both plans). */
  MongoMessageSearch(MongoCollection<Document> messages, Plan plan) {
    this.messages = messages;
    this.plan.set(CompletableFuture.completedFuture(plan));
  }

  /** The indexes search relies on, for {@link MongoStore#createIndexes()}. */
  static List<IndexModel> indexes() {
    return List.of(
        new IndexModel(
            new Document(CHAT_ID, 1).append(WORDS, 1).append(CREATED_AT, -1).append(MESSAGE_ID, -1),
            new IndexOptions().name(INDEX)));
  }

  /** See {@link io.chat.application.port.out.MessageRepository#search}. */
  CompletionStage<List<Message>> search(
      UserId searcher,
      List<String> words,
      List<SearchScope> scopes,
      Optional<SearchCursor> after,
      int limit) {
    if (words.isEmpty()) {
      return CompletableFuture.failedStage(
          new IllegalArgumentException("a search has at least one word"));
    }
    Optional<Document> filter = filter(searcher, words, scopes, after);
    if (limit <= 0 || filter.isEmpty()) {
      return CompletableFuture.completedStage(List.of());
    }
    return plan()
        .thenCompose(
            how -> {
              if (how == Plan.INDEXED) {
                return query(filter.get(), limit, true);
              }
              return scopes.size() <= MAX_BRANCHES_SCANNED
                  ? query(filter.get(), limit, false)
                  : scanning(searcher, words, scopes, after, limit);
            });
  }

  /** The plan of this store: found by the first search, remembered after it. */
  CompletionStage<Plan> plan() {
    CompletableFuture<Plan> known = plan.get();
    if (known != null) {
      return known;
    }
    CompletableFuture<Plan> probe = new CompletableFuture<>();
    if (!plan.compareAndSet(null, probe)) {
      return plan(); // another search probes (or just gave up): ask again
    }
    Stages.first(messages.find(new Document()).limit(1).explain())
        .whenComplete(
            (explained, failure) -> {
              Throwable cause = failure == null ? null : Failures.unwrapped(failure);
              if (cause == null) {
                probe.complete(Plan.INDEXED);
              } else if (cause instanceof MongoCommandException command
                  && command.getErrorCode() == COMMAND_NOT_FOUND) {
                probe.complete(Plan.SCANNING);
              } else {
                // Not known yet (the store did not answer): the next search asks again.
                plan.compareAndSet(probe, null);
                probe.completeExceptionally(cause);
              }
            });
    return probe;
  }

  /** One query with a branch per chat, hinted to the search index where the store plans. */
  private CompletionStage<List<Message>> query(Document filter, int limit, boolean hinted) {
    FindPublisher<Document> find = messages.find(filter).sort(NEWEST_FIRST).limit(limit);
    return Stages.list(hinted ? find.hintString(INDEX) : find)
        .thenApply(docs -> docs.stream().map(Codec::message).toList());
  }

  /** The sort of every search: newest first, ties by id. */
  static Document sort() {
    return NEWEST_FIRST;
  }

  /**
   * The filter of an indexed search: empty when no scope holds a seq. The words come first, then
   * the chats, for a store that matches fields in order.
   */
  static Optional<Document> filter(
      UserId searcher, List<String> words, List<SearchScope> scopes, Optional<SearchCursor> after) {
    Document all = new Document("$all", List.copyOf(words));
    Optional<Date> before = after.map(c -> Codec.date(c.createdAt()));
    List<Document> branches = new ArrayList<>(scopes.size());
    for (SearchScope scope : scopes) {
      if (scope.fromSeq() > scope.toSeq()) {
        continue;
      }
      Document branch = new Document(CHAT_ID, scope.chat().value()).append(WORDS, all);
      Document seqs = new Document();
      if (scope.fromSeq() > 1) {
        seqs.append("$gte", scope.fromSeq());
      }
      if (scope.toSeq() < Long.MAX_VALUE) {
        seqs.append("$lte", scope.toSeq());
      }
      if (!seqs.isEmpty()) {
        branch.append(SEQ, seqs);
      }
      before.ifPresent(at -> branch.append(CREATED_AT, new Document("$lte", at)));
      branches.add(branch);
    }
    if (branches.isEmpty()) {
      return Optional.empty();
    }
    Document filter = wordsFilter(searcher, all, after);
    filter.append("$or", branches);
    return Optional.of(filter);
  }

  /**
   * What every match has whatever its chat: every word, not hidden for the searcher, and strictly
   * after the cursor (of the messages at its very millisecond, only smaller ids).
   */
  private static Document wordsFilter(
      UserId searcher, Document allWords, Optional<SearchCursor> after) {
    Document filter = new Document(WORDS, allWords);
    after.ifPresent(
        c ->
            filter
                .append(CREATED_AT, new Document("$lte", Codec.date(c.createdAt())))
                .append(
                    "$nor",
                    List.of(
                        new Document(CREATED_AT, Codec.date(c.createdAt()))
                            .append(MESSAGE_ID, new Document("$gte", c.id().value())))));
    return filter.append(HIDDEN_FOR, new Document("$ne", searcher.value()));
  }

  /**
   * A scanning search: the keys of the messages with the words, newest first, read until {@code
   * limit} of them lie in the scopes, then those messages by {@code _id} (checked again: one may
   * have been deleted or hidden in between, and then the search goes on after the last key read).
   */
  private CompletionStage<List<Message>> scanning(
      UserId searcher,
      List<String> words,
      List<SearchScope> scopes,
      Optional<SearchCursor> after,
      int limit) {
    Map<String, List<SearchScope>> byChat = new HashMap<>();
    scopes.forEach(s -> byChat.computeIfAbsent(s.chat().value(), k -> new ArrayList<>()).add(s));
    Document all = new Document("$all", List.copyOf(words));
    Document keys =
        new Document(CHAT_ID, 1).append(SEQ, 1).append(CREATED_AT, 1).append(MESSAGE_ID, 1);
    Keys found = new Keys(byChat, limit);
    messages
        .find(wordsFilter(searcher, all, after))
        .projection(keys)
        .sort(NEWEST_FIRST)
        .batchSize(SCAN_BATCH)
        .subscribe(found);
    return found.result.thenCompose(
        page -> {
          if (page.keys().isEmpty()) {
            return CompletableFuture.completedStage(List.<Message>of());
          }
          Document byId =
              new Document(ID, new Document("$in", page.keys()))
                  .append(WORDS, all)
                  .append(HIDDEN_FOR, new Document("$ne", searcher.value()));
          return Stages.list(messages.find(byId))
              .thenCompose(
                  docs -> {
                    Map<String, Message> read = new HashMap<>();
                    docs.forEach(d -> read.put(d.getString(ID), Codec.message(d)));
                    List<Message> ordered = new ArrayList<>(page.keys().size());
                    page.keys()
                        .forEach(k -> Optional.ofNullable(read.get(k)).ifPresent(ordered::add));
                    if (ordered.size() == page.keys().size() || !page.more()) {
                      return CompletableFuture.completedStage(ordered);
                    }
                    return scanning(
                            searcher,
                            words,
                            scopes,
                            page.last(),
                            page.keys().size() - ordered.size())
                        .thenApply(
                            rest -> {
                              List<Message> both = new ArrayList<>(ordered);
                              both.addAll(rest);
                              return both;
                            });
                  });
        });
  }

  /** A scanning search's page of keys, where its last key stands, and whether it stopped early. */
  private record KeyPage(List<String> keys, Optional<SearchCursor> last, boolean more) {}

  /**
   * Reads message keys in result order and keeps those in the scopes, until it has {@code limit}:
   * then it stops reading (the rest of the store's answer is not fetched).
   */
  private static final class Keys implements Subscriber<Document> {
    private final CompletableFuture<KeyPage> result = new CompletableFuture<>();
    private final Map<String, List<SearchScope>> scopes;
    private final int limit;
    private final List<String> kept = new ArrayList<>();
    private Subscription subscription;
    private Optional<SearchCursor> last = Optional.empty();

    Keys(Map<String, List<SearchScope>> scopes, int limit) {
      this.scopes = scopes;
      this.limit = limit;
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Document key) {
      if (result.isDone()) {
        return;
      }
      List<SearchScope> chat = scopes.get(key.getString(CHAT_ID));
      long seq = Codec.number(key, SEQ);
      if (chat != null && chat.stream().anyMatch(s -> s.covers(seq))) {
        kept.add(key.getString(ID));
        last =
            Optional.of(
                new SearchCursor(
                    Codec.instant(key, CREATED_AT), MessageId.of(key.getString(MESSAGE_ID))));
        if (kept.size() == limit) {
          result.complete(new KeyPage(List.copyOf(kept), last, true));
          subscription.cancel();
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(StoreErrors.translate(error));
    }

    @Override
    public void onComplete() {
      result.complete(new KeyPage(List.copyOf(kept), last, false));
    }
  }
}
