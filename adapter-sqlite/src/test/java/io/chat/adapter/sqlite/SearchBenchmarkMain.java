package io.chat.adapter.sqlite;

import static io.chat.application.testing.Await.done;

import io.chat.application.port.out.MessageRepository.Stored;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * Measures the two ways to index search words (issue 15): the FTS5 index of {@link MessageSearch}
 * against a table {@code message_words(word, chat_id, created_at, message_id)} whose key is a
 * covering index per word. Not a test: run it by hand, after {@code verify} built the classes:
 *
 * <pre>
 * ./mvnw -B -q -o -pl adapter-sqlite dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp adapter-sqlite/target/classes:adapter-sqlite/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.chat.adapter.sqlite.SearchBenchmarkMain [quick]
 * </pre>
 *
 * <p>100,000 messages in 1,000 chats of 100 (the chats' messages interleaved in time, one a
 * second), eight words each drawn from 2,000 with Zipf frequencies ({@code w0} is in about two
 * messages of three, {@code w99} in one of a hundred), and {@code needle} in one message. The
 * searcher is in every chat.
 *
 * <ol>
 *   <li>What indexing costs a send: the messages alone, with FTS5, with the words table, each on a
 *       fresh file as the store writes it (WAL, {@code synchronous=FULL}, a savepoint per message,
 *       256 messages per commit); CPU and wall time per message, and the file's size.
 *   <li>What a search costs: a store filled through the port (sends 256 in flight), the words table
 *       added to the same file; the first page of 20, in one chat and in all 1,000.
 * </ol>
 */
public final class SearchBenchmarkMain {
  private static final int CHATS = 1_000;
  private static final int PER_CHAT = 100;
  private static final int VOCABULARY = 2_000;
  private static final int PAGE = 20;
  private static final int BATCH = 256;
  private static final UserId ME = UserId.of("me");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  /** The words table, keyed as a covering index per word (seq kept for the scopes' ranges). */
  static final String WORDS_TABLE =
      """
      CREATE TABLE message_words (
        word TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (word, chat_id, created_at, message_id)
      ) WITHOUT ROWID""";

  static final String ADD_WORD =
      "INSERT INTO message_words (word, chat_id, created_at, message_id, seq)"
          + " VALUES (?, ?, ?, ?, ?)";

  /**
   * Its best query: each searched chat's range of the word (the chats a JSON array of [chat, from,
   * to]), newest first, merged by a sort that keeps only the page (SQLite keeps LIMIT rows in its
   * sorter): a cost of one seek per chat plus the chats' matches.
   */
  static final String WORDS_SEARCH =
      "SELECT "
          + MessageTables.COLUMNS
          + " FROM (SELECT w.message_id, w.created_at FROM json_each(?) s"
          + " CROSS JOIN message_words w ON w.word = ? AND w.chat_id = s.value ->> 0"
          + " WHERE w.seq BETWEEN s.value ->> 1 AND s.value ->> 2"
          + " AND (w.created_at, w.message_id) < (?, ?)"
          + " AND (? OR EXISTS (SELECT 1 FROM message_words o WHERE o.word = ?"
          + " AND o.chat_id = w.chat_id AND o.created_at = w.created_at"
          + " AND o.message_id = w.message_id))"
          + " ORDER BY w.created_at DESC, w.message_id DESC LIMIT ?) page"
          + " JOIN messages m ON m.id = page.message_id"
          + " ORDER BY page.created_at DESC, page.message_id DESC";

  private final boolean quick;
  private final List<ChatId> chats = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();

  private SearchBenchmarkMain(boolean quick) {
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    SearchBenchmarkMain bench = new SearchBenchmarkMain(Arrays.asList(args).contains("quick"));
    System.out.printf(
        "java %s, %d cpus%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    bench.generate();
    Path root = Files.createTempDirectory("search-bench");
    try {
      for (String index : List.of("none", "fts5", "words")) {
        bench.writeCost(root.resolve("write-" + index), index);
      }
      bench.searchCost(root.resolve("store"));
    } finally {
      try (var files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String word(int rank) {
    return "w" + rank;
  }

  /** The messages, in the order they are sent. */
  private void generate() {
    Random random = new Random(15);
    SqliteIds ids = new SqliteIds();
    for (int c = 0; c < CHATS; c++) {
      chats.add(ids.newChatId());
    }
    double[] cumulative = new double[VOCABULARY];
    double sum = 0;
    for (int r = 0; r < VOCABULARY; r++) {
      sum += 1.0 / (r + 1);
      cumulative[r] = sum;
    }
    int[] seqs = new int[CHATS];
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < CHATS; c++) {
      for (int i = 0; i < PER_CHAT; i++) {
        order.add(c);
      }
    }
    Collections.shuffle(order, random);
    for (int i = 0; i < order.size(); i++) {
      int c = order.get(i);
      int seq = ++seqs[c];
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 8; w++) {
        int r = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
        text.append(word(r < 0 ? -r - 1 : r)).append(' ');
      }
      if (c == CHATS / 2 && seq == 50) {
        text.append("needle");
      }
      messages.add(
          new Message(
              ids.newMessageId(),
              chats.get(c),
              seq,
              seq % 3 == 0 ? ME : UserId.of("u" + c),
              MessageText.of(text.toString()),
              T0.plusSeconds(i),
              Optional.empty()));
    }
  }

  // ---- 1. what indexing costs a send

  private void writeCost(Path directory, String index) throws SQLException, IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(SqliteStore.FILE_NAME);
    try (Session session = new Session(connect(file))) {
      for (String statement : MessageTables.STATEMENTS) {
        boolean search = statement.contains("message_search");
        if (!search || index.equals("fts5")) {
          session.execute(statement);
        }
      }
      if (index.equals("words")) {
        session.execute(WORDS_TABLE);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int from = 0; from < messages.size(); from += BATCH) {
        session.execute("BEGIN IMMEDIATE");
        for (Message message : messages.subList(from, Math.min(messages.size(), from + BATCH))) {
          session.execute("SAVEPOINT write");
          store(session, message, index);
          session.execute("RELEASE write");
        }
        session.execute("COMMIT");
      }
      double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / messages.size();
      double wallMicros = (System.nanoTime() - wall) / 1e3 / messages.size();
      session.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      System.out.printf(
          "write, index %-5s: %6.1f us CPU, %6.1f us wall per message; file %5.1f MB%n",
          index, cpuMicros, wallMicros, Files.size(file) / 1e6);
    }
  }

  private static void store(Session session, Message message, String index) throws SQLException {
    long key = SqliteMessageRepository.insertMessageRow(session, message).orElseThrow();
    if (index.equals("fts5")) {
      MessageSearch.add(session, key, message);
    } else if (index.equals("words")) {
      addWords(session, message);
    }
  }

  private static void addWords(Session session, Message message) throws SQLException {
    for (String word : SearchTerms.words(message.text().value())) {
      PreparedStatement add = session.statement(ADD_WORD);
      add.setString(1, word);
      add.setString(2, message.chatId().value());
      add.setLong(3, message.createdAt().toEpochMilli());
      add.setString(4, message.id().value());
      add.setLong(5, message.seq());
      add.executeUpdate();
    }
  }

  private static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  // ---- 2. what a search costs

  private void searchCost(Path directory) {
    try (SqliteStore store = SqliteStore.open(directory)) {
      long started = System.nanoTime();
      Semaphore inFlight = new Semaphore(BATCH);
      List<CompletionStage<Stored>> sent = new ArrayList<>();
      for (Message message : messages) {
        inFlight.acquireUninterruptibly();
        CompletionStage<Stored> stage = store.messages().insert(message);
        stage.whenComplete((stored, failure) -> inFlight.release());
        sent.add(stage);
      }
      sent.forEach(stage -> done(stage));
      System.out.printf(
          "%nsent %d messages through the port, %d in flight: %.1f us per message%n",
          messages.size(), BATCH, (System.nanoTime() - started) / 1e3 / messages.size());
      done(
          store.write(
              session -> {
                session.execute(WORDS_TABLE);
                for (Message message : messages) {
                  addWords(session, message);
                }
                return null;
              }));
      int segments =
          done(
              store.read(
                  session -> {
                    try (ResultSet row =
                        session
                            .connection()
                            .createStatement()
                            .executeQuery("SELECT count(DISTINCT segid) FROM message_search_idx")) {
                      row.next();
                      return row.getInt(1);
                    }
                  }));
      System.out.printf("search index: %d segments%n", segments);
      searches(store);
    }
  }

  private void searches(SqliteStore store) {
    ChatId needleChat = chats.get(CHATS / 2);
    List<SearchScope> one = List.of(new SearchScope(needleChat, 1, PER_CHAT));
    List<SearchScope> all = chats.stream().map(c -> new SearchScope(c, 1, PER_CHAT)).toList();
    SqliteIds others = new SqliteIds();
    List<SearchScope> elsewhere = new ArrayList<>();
    for (int c = 0; c < CHATS; c++) {
      elsewhere.add(new SearchScope(others.newChatId(), 1, PER_CHAT));
    }
    System.out.printf("%n%-46s %16s %16s%n", "first page of " + PAGE, "FTS5", "words table");
    for (List<SearchScope> scopes : List.of(one, all)) {
      String where = scopes.size() == 1 ? "1 chat" : scopes.size() + " chats";
      compare(store, "needle (1 message), " + where, scopes, "needle", Optional.empty());
      compare(store, word(99) + " (1 % of messages), " + where, scopes, word(99), Optional.empty());
      compare(store, word(0) + " (2 of 3 messages), " + where, scopes, word(0), Optional.empty());
      compare(
          store,
          word(0) + " " + word(1) + ", " + where,
          scopes,
          word(0) + " " + word(1),
          Optional.empty());
      Message third =
          done(store.messages().search(ME, List.of(word(0)), scopes, Optional.empty(), 2 * PAGE))
              .get(2 * PAGE - 1);
      compare(
          store,
          word(0) + ", third page, " + where,
          scopes,
          word(0),
          Optional.of(new SearchCursor(third.createdAt(), third.id())));
    }
    compare(
        store, word(0) + ", 1000 chats none of which has it", elsewhere, word(0), Optional.empty());
  }

  private void compare(
      SqliteStore store,
      String what,
      List<SearchScope> scopes,
      String query,
      Optional<SearchCursor> after) {
    List<String> words = SearchTerms.query(query);
    Supplier<List<Message>> fts =
        () -> done(store.messages().search(ME, words, scopes, after, PAGE));
    Supplier<List<Message>> table =
        () -> done(store.read(s -> wordsSearch(s, words, scopes, after)));
    List<Message> expected = fts.get();
    if (!table.get().equals(expected)) {
      throw new IllegalStateException(what + ": the two indexes answer differently");
    }
    System.out.printf("%-46s %13.2f ms %13.2f ms%n", what, median(fts), median(table));
  }

  /** The words table's search, for one or two words (the second checked on the first's row). */
  private static List<Message> wordsSearch(
      Session session, List<String> words, List<SearchScope> scopes, Optional<SearchCursor> after)
      throws SQLException {
    PreparedStatement query = session.statement(WORDS_SEARCH);
    query.setString(
        1,
        scopes.stream()
            .map(s -> "[\"" + s.chat().value() + "\"," + s.fromSeq() + "," + s.toSeq() + "]")
            .collect(Collectors.joining(",", "[", "]")));
    query.setString(2, words.get(0));
    query.setLong(3, after.map(c -> c.createdAt().toEpochMilli()).orElse(Long.MAX_VALUE));
    query.setString(4, after.map(c -> c.id().value()).orElse(""));
    query.setBoolean(5, words.size() == 1);
    query.setString(6, words.size() > 1 ? words.get(1) : "");
    query.setInt(7, PAGE);
    List<Message> page = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        page.add(MessageTables.message(rows));
      }
    }
    return page;
  }

  private double median(Supplier<List<Message>> search) {
    int runs = quick ? 5 : 21;
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      search.get();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos[runs / 2] / 1e6;
  }
}
