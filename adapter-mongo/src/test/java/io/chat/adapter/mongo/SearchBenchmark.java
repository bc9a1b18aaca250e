package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * Measures message search on 100,000 stored messages, through the driver over a loopback socket: on
 * the embedded store (which scans: it keeps no index but unique ones) or on a real MongoDB (which
 * answers from the search index). Not a test: run it by hand (see docs/benchmarks.md).
 *
 * <p>The store holds 100,000 messages of eight words each, drawn from 2,000 words with Zipf
 * frequencies (the most common word is in about two messages of three): 30,000 in the searcher's
 * 1,000 chats (30 each), 70,000 in 700 chats of other users. A search covers the searcher's 20 most
 * recent chats or all 1,000 of them, as the search service builds its scopes.
 *
 * <p>Arguments: {@code memory} (default), {@code h2} (the durable file backend, in a temporary
 * directory) or a MongoDB connection string (a database of its own, dropped after); then optionally
 * {@code quick} for fewer runs.
 */
public final class SearchBenchmark {
  private static final UserId ME = UserId.of("me");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final int VOCABULARY = 2_000;
  private static final int MY_CHATS = 1_000;
  private static final int MY_CHAT_LENGTH = 30;
  private static final int OTHER_CHATS = 700;
  private static final int OTHER_CHAT_LENGTH = 100;
  private static final int PAGE = 20;

  private final MongoStore store;
  private final MongoCollection<Document> messages;
  private final boolean quick;
  private final List<ChatId> mine = new ArrayList<>();

  private SearchBenchmark(MongoStore store, MongoDatabase database, boolean quick) {
    this.store = store;
    this.messages = database.getCollection(MongoStore.MESSAGES);
    this.quick = quick;
  }

  public static void main(String[] arguments) throws Exception {
    String[] args = String.join(",", arguments).split(",");
    String backend = args.length > 0 && !args[0].isEmpty() ? args[0] : "memory";
    boolean quick = Arrays.asList(args).contains("quick");
    Path directory = null;
    EmbeddedMongo server = null;
    String uri;
    if (backend.startsWith("mongodb://") || backend.startsWith("mongodb+srv://")) {
      uri = backend;
    } else if (backend.equals("h2")) {
      directory = Files.createTempDirectory("chat-search-bench");
      server = EmbeddedMongo.persistent(directory);
      uri = server.connectionString();
    } else {
      server = EmbeddedMongo.inMemory();
      uri = server.connectionString();
    }
    String name = "search_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    System.out.printf(
        "search on %s, java %s, %d cpus%n",
        server == null ? "a real MongoDB" : "the embedded store, " + backend + " backend",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    try (MongoClient client =
        MongoClients.create(MongoStore.clientSettings(uri, Duration.ofSeconds(180)))) {
      MongoDatabase database = client.getDatabase(name);
      try {
        MongoStore store = done(MongoStore.of(database).createIndexes());
        done(
            Stages.done(
                database
                    .getCollection(MongoStore.MESSAGES)
                    .createIndexes(MongoMessageSearch.indexes())));
        SearchBenchmark bench = new SearchBenchmark(store, database, quick);
        bench.fill();
        bench.searches();
      } finally {
        if (server == null) {
          done(Stages.done(database.drop()));
        }
      }
    } finally {
      if (server != null) {
        server.close();
      }
      if (directory != null) {
        try (var files = Files.walk(directory)) {
          files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** The word of Zipf rank {@code r} (0 the most common). */
  private static String word(int r) {
    return "w" + r;
  }

  /** 100,000 messages in bulk; the searcher's chats get the later times, the newest last. */
  private void fill() {
    Random random = new Random(14);
    double[] cumulative = new double[VOCABULARY];
    double sum = 0;
    for (int r = 0; r < VOCABULARY; r++) {
      sum += 1.0 / (r + 1);
      cumulative[r] = sum;
    }
    long started = System.nanoTime();
    List<Document> batch = new ArrayList<>();
    long minute = 0;
    for (int c = 0; c < OTHER_CHATS + MY_CHATS; c++) {
      boolean my = c >= OTHER_CHATS;
      ChatId chat = store.ids().newChatId();
      if (my) {
        mine.add(0, chat);
      }
      int length = my ? MY_CHAT_LENGTH : OTHER_CHAT_LENGTH;
      for (long seq = 1; seq <= length; seq++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 8; w++) {
          double pick = random.nextDouble() * sum;
          int r = Arrays.binarySearch(cumulative, pick);
          text.append(word(r < 0 ? -r - 1 : r)).append(' ');
        }
        if (my && c == OTHER_CHATS + MY_CHATS / 2 && seq == 7) {
          text.append("needle");
        }
        batch.add(
            Codec.messageDocument(
                new Message(
                    store.ids().newMessageId(),
                    chat,
                    seq,
                    seq % 2 == 0 ? ME : UserId.of("u" + c),
                    MessageText.of(text.toString()),
                    T0.plusSeconds(60 * minute++),
                    Optional.empty())));
        if (batch.size() == 1_000) {
          done(Stages.done(messages.insertMany(batch)));
          batch = new ArrayList<>();
        }
      }
    }
    if (!batch.isEmpty()) {
      done(Stages.done(messages.insertMany(batch)));
    }
    System.out.printf(
        "stored %d messages in %.1f s%n",
        done(Stages.single(messages.countDocuments())), (System.nanoTime() - started) / 1e9);
  }

  private void searches() {
    for (int chats : new int[] {20, MY_CHATS}) {
      List<SearchScope> scopes = new ArrayList<>();
      for (ChatId chat : mine.subList(0, chats)) {
        scopes.add(new SearchScope(chat, 1, MY_CHAT_LENGTH));
      }
      Optional<SearchCursor> third = cursorAfter(scopes, word(0), 2 * PAGE);
      report(
          "  the most common word, first page of " + PAGE,
          () -> search(scopes, word(0), Optional.empty()),
          page -> page.size() == PAGE + 1);
      report(
          "  the most common word, third page (cursor)",
          () -> search(scopes, word(0), third),
          page -> page.size() == PAGE + 1);
      report(
          "  the two most common words",
          () -> search(scopes, word(0) + " " + word(1), Optional.empty()),
          page -> page.size() == PAGE + 1);
      report(
          "  a word in 1 message of 100",
          () -> search(scopes, word(99), Optional.empty()),
          page -> !page.isEmpty());
      // In the searcher's 500th most recent chat: beyond the 20 most recent ones.
      int needles = chats >= MY_CHATS / 2 ? 1 : 0;
      report(
          "  a word in one message only",
          () -> search(scopes, "needle", Optional.empty()),
          page -> page.size() == needles);
      report(
          "  a word nobody wrote",
          () -> search(scopes, "nowhere", Optional.empty()),
          List::isEmpty);
      System.out.printf(
          "%nsearch in %d chats of %d messages (100,000 messages stored)%n", chats, MY_CHAT_LENGTH);
      measure();
    }
  }

  private CompletionStage<List<Message>> search(
      List<SearchScope> scopes, String query, Optional<SearchCursor> after) {
    return store.messages().search(ME, SearchTerms.query(query), scopes, after, PAGE + 1);
  }

  /** The cursor after the {@code skip}-th result: where a later page starts. */
  private Optional<SearchCursor> cursorAfter(List<SearchScope> scopes, String query, int skip) {
    List<Message> first =
        done(store.messages().search(ME, SearchTerms.query(query), scopes, Optional.empty(), skip));
    Message last = first.get(first.size() - 1);
    return Optional.of(new SearchCursor(last.createdAt(), last.id()));
  }

  /** A queued measurement: what it measures, and one run of it (checked). */
  private record Case(String what, Runnable once) {}

  private final List<Case> pending = new ArrayList<>();

  /** Queues a measurement after warming it up; {@link #measure()} times the cases in rounds. */
  private <T> void report(String what, Supplier<CompletionStage<T>> operation, Predicate<T> check) {
    Runnable once =
        () -> {
          T result = done(operation.get());
          if (!check.test(result)) {
            throw new IllegalStateException(what + ": unexpected result");
          }
        };
    int warmup = quick ? 1 : 3;
    for (int i = 0; i < warmup; i++) {
      once.run();
    }
    pending.add(new Case(what, once));
  }

  /**
   * Times the queued cases in rounds, one run of each per round, until the runs are done or the
   * time is up (the embedded store takes seconds where it scans much): at least 5 rounds.
   */
  private void measure() {
    int maxRuns = quick ? 10 : 30;
    long budget = Duration.ofSeconds(quick ? 20 : 60).toNanos();
    long[][] nanos = new long[pending.size()][maxRuns];
    long started = System.nanoTime();
    int runs = 0;
    while (runs < maxRuns && (runs < 5 || System.nanoTime() - started < budget)) {
      for (int c = 0; c < pending.size(); c++) {
        long start = System.nanoTime();
        pending.get(c).once().run();
        nanos[c][runs] = System.nanoTime() - start;
      }
      runs++;
    }
    for (int c = 0; c < pending.size(); c++) {
      long[] sorted = Arrays.copyOf(nanos[c], runs);
      Arrays.sort(sorted);
      System.out.printf(
          "%-52s median %8.2f ms   p95 %8.2f ms   (%d runs)%n",
          pending.get(c).what(), sorted[runs / 2] / 1e6, sorted[runs * 95 / 100] / 1e6, runs);
    }
    pending.clear();
  }
}
