import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Issue 15 spike: SQLite (sqlite-jdbc, WAL) against H2's MVStore used directly, on the chat send path and two reads.
 *
 * <pre>
 * M2=~/.m2/repository
 * CP=$M2/org/xerial/sqlite-jdbc/3.53.4.0/sqlite-jdbc-3.53.4.0.jar:$M2/com/h2database/h2/2.3.232/h2-2.3.232.jar
 * taskset -c 0 java -cp $CP bench/spike/StoreSpike.java sqlite|mvstore [dir] [warmupSeconds timedSeconds]
 * (-Dspike.synchronous=NORMAL before -cp: SQLite without the fsync per commit, for comparison only)
 * </pre>
 *
 * A send is one transaction: the chat row of a pair found by its unique (type, pairKey) gets lastSeq + 1, its last
 * message and updatedAt; the message row is inserted (unique (chatId, seq), unique id, unique idempotency key
 * (chatId, sender, clientId)); both members' (userId, updatedAt, chatId) list entries move to the new updatedAt. One
 * writer thread takes every queued send, runs them in one transaction (a savepoint each, so a failing send does not
 * undo the others), commits durably (fsync), then completes their futures. 16 sends in flight over 16 chats.
 */
public final class StoreSpike {

  static final int IN_FLIGHT = 16;
  static final int BIG_CHAT_MESSAGES = 100_000;
  static final int USER_CHATS = 1_000;
  static final int OTHER_CHATS = 100_000;
  static final String BODY =
      "The quick brown fox jumps over the lazy dog, and then it sends a chat message of about a hundred chars.";

  /** One send as the service hands it to the store. */
  record Send(
      String pairKey, String sender, String messageId, String clientId, String body, long at,
      CompletableFuture<long[]> done) {}

  interface Backend {
    void load(Random random) throws Exception;

    /** Runs on the writer thread: all of the batch in one transaction, durable on return. */
    void writeBatch(List<Send> batch) throws Exception;

    /** Latest 50 messages of a chat; returns how many were read. */
    int latestPage(long chatId) throws Exception;

    /** Latest 50 chats of a user; returns how many were read. */
    int chatList(String userId) throws Exception;

    long bigChatId();

    String describe();

    void close() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "sqlite";
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("store-spike-");
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int timed = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Files.createDirectories(dir);
    Backend backend =
        switch (kind) {
          case "sqlite" -> new Sqlite(dir.resolve("chat.db"));
          case "mvstore" -> new MvStore(dir.resolve("chat.mv.db"));
          default -> throw new IllegalArgumentException("sqlite or mvstore");
        };
    System.out.printf("backend %s, dir %s, java %s, %d cpus%n", kind, dir,
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    long t0 = System.nanoTime();
    backend.load(new Random(42));
    System.out.printf("loaded in %.1f s: chat of %,d messages, user in %,d chats, %,d other chats%n",
        (System.nanoTime() - t0) / 1e9, BIG_CHAT_MESSAGES, USER_CHATS, OTHER_CHATS);
    System.out.println(backend.describe());

    Writer writer = new Writer(backend);
    writer.start();
    sends(writer, warmup, false);
    sends(writer, timed, true);
    writer.interrupt();
    writer.join();
    System.out.printf("writer: %,d commits in all (load not counted)%n", writer.commits.get());

    long big = backend.bigChatId();
    time("latest page of 50, chat of 100,000 messages", () -> check(backend.latestPage(big), 50));
    time("chat list, latest 50 of a user in 1,000 chats (" + (OTHER_CHATS + USER_CHATS + IN_FLIGHT + 1)
        + " chats in the store)", () -> check(backend.chatList("u0"), 50));
    backend.close();
    System.out.printf("files: %s%n", listSizes(dir));
  }

  static void check(int got, int want) {
    if (got != want) {
      throw new IllegalStateException("read " + got + ", expected " + want);
    }
  }

  interface Op {
    void run() throws Exception;
  }

  static void time(String what, Op op) throws Exception {
    for (int i = 0; i < 300; i++) {
      op.run();
    }
    long[] nanos = new long[500];
    for (int i = 0; i < nanos.length; i++) {
      long s = System.nanoTime();
      op.run();
      nanos[i] = System.nanoTime() - s;
    }
    Arrays.sort(nanos);
    System.out.printf("%s: median %.3f ms, p95 %.3f ms%n", what, nanos[250] / 1e6, nanos[475] / 1e6);
  }

  static final class Writer extends Thread {
    final BlockingQueue<Send> queue = new LinkedBlockingQueue<>();
    final Backend backend;
    final AtomicLong commits = new AtomicLong();
    final AtomicLong written = new AtomicLong();

    Writer(Backend backend) {
      super("store-writer");
      this.backend = backend;
      setDaemon(true);
    }

    @Override
    public void run() {
      List<Send> batch = new ArrayList<>();
      try {
        while (true) {
          batch.add(queue.take());
          queue.drainTo(batch);
          try {
            backend.writeBatch(batch);
            commits.incrementAndGet();
            written.addAndGet(batch.size());
          } catch (Exception e) {
            for (Send s : batch) {
              s.done().completeExceptionally(e);
            }
          }
          batch.clear();
        }
      } catch (InterruptedException e) {
        // done
      }
    }
  }

  /** Over the whole run, so the warm-up and the timed sends have distinct ids and idempotency keys. */
  static final AtomicLong SEQUENCE = new AtomicLong();

  static void sends(Writer writer, int seconds, boolean report) {
    AtomicLong count = new AtomicLong();
    AtomicLong sequence = SEQUENCE;
    long commitsBefore = writer.commits.get();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      loops.add(loop(writer, "s" + i, deadline, count, sequence));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
    double elapsed = (System.nanoTime() - started) / 1e9;
    long cpu = processCpuNanos() - cpuBefore;
    long commits = writer.commits.get() - commitsBefore;
    if (report) {
      System.out.printf(
          "sustained sends, %d in flight over %d chats, %d s: %,d sends, %.0f sends/s, %.0f µs CPU per send"
              + " (process), %d commits (%.1f sends per commit)%n",
          IN_FLIGHT, IN_FLIGHT, seconds, count.get(), count.get() / elapsed, cpu / 1e3 / count.get(), commits,
          (double) count.get() / commits);
    } else {
      System.out.printf("warm-up: %,d sends in %d s%n", count.get(), seconds);
    }
  }

  static CompletableFuture<Void> loop(
      Writer writer, String partner, long deadline, AtomicLong count, AtomicLong sequence) {
    if (System.nanoTime() >= deadline) {
      return CompletableFuture.completedFuture(null);
    }
    long n = sequence.incrementAndGet();
    Send send = new Send(pairKey("me", partner), n % 2 == 0 ? "me" : partner, messageId(n), "c" + n, BODY,
        System.currentTimeMillis(), new CompletableFuture<>());
    writer.queue.add(send);
    return send.done().thenCompose(r -> {
      count.incrementAndGet();
      return loop(writer, partner, deadline, count, sequence);
    });
  }

  static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
  }

  static final long ID_PREFIX = new Random().nextLong() >>> 16;

  /** 24 hex digits, like the ids the service hands out before the seq is known. */
  static String messageId(long n) {
    return String.format("%012x%012x", ID_PREFIX, n);
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String listSizes(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        sb.append(p.getFileName()).append(' ').append(Files.size(p) / 1024 / 1024).append(" MB; ");
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------------- SQLite

  static final class Sqlite implements Backend {
    final Connection writer;
    final Connection reader;
    final PreparedStatement bumpChat;
    final PreparedStatement insertMessage;
    final PreparedStatement bumpMembers;
    final PreparedStatement savepoint;
    final PreparedStatement release;
    final PreparedStatement rollbackTo;
    final PreparedStatement page;
    final PreparedStatement list;
    long bigChatId;

    Sqlite(Path file) throws SQLException {
      String url = "jdbc:sqlite:" + file;
      writer = DriverManager.getConnection(url);
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // WAL + FULL: the WAL is fsynced at every commit. NORMAL (-Dspike.synchronous=NORMAL, for comparison only)
        // fsyncs only at checkpoints: safe against a process crash, not against a power cut or an OS crash.
        s.execute("PRAGMA synchronous=" + System.getProperty("spike.synchronous", "FULL"));
        s.execute("PRAGMA cache_size=-32000");
        s.execute("""
            CREATE TABLE IF NOT EXISTS chats(
              id INTEGER PRIMARY KEY,
              type INTEGER NOT NULL,
              pair_key TEXT,
              participants TEXT NOT NULL,
              last_seq INTEGER NOT NULL,
              last_message_id TEXT,
              last_sender TEXT,
              last_body TEXT,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              UNIQUE(type, pair_key))""");
        s.execute("""
            CREATE TABLE IF NOT EXISTS chat_members(
              chat_id INTEGER NOT NULL,
              user_id TEXT NOT NULL,
              updated_at INTEGER NOT NULL,
              PRIMARY KEY(chat_id, user_id)) WITHOUT ROWID""");
        s.execute("CREATE INDEX IF NOT EXISTS chat_members_recent ON chat_members(user_id, updated_at DESC, chat_id DESC)");
        s.execute("""
            CREATE TABLE IF NOT EXISTS messages(
              chat_id INTEGER NOT NULL,
              seq INTEGER NOT NULL,
              id TEXT NOT NULL UNIQUE,
              sender TEXT NOT NULL,
              body TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              client_id TEXT,
              PRIMARY KEY(chat_id, seq)) WITHOUT ROWID""");
        s.execute("CREATE UNIQUE INDEX IF NOT EXISTS messages_idempotency ON messages(chat_id, sender, client_id)"
            + " WHERE client_id IS NOT NULL");
      }
      writer.setAutoCommit(false);
      bumpChat = writer.prepareStatement(
          "UPDATE chats SET last_seq = last_seq + 1, last_message_id = ?, last_sender = ?, last_body = ?,"
              + " updated_at = ? WHERE type = 0 AND pair_key = ? RETURNING id, last_seq");
      insertMessage = writer.prepareStatement(
          "INSERT INTO messages(chat_id, seq, id, sender, body, created_at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
      bumpMembers = writer.prepareStatement("UPDATE chat_members SET updated_at = ? WHERE chat_id = ?");
      savepoint = writer.prepareStatement("SAVEPOINT send");
      release = writer.prepareStatement("RELEASE send");
      rollbackTo = writer.prepareStatement("ROLLBACK TO send");
      reader = DriverManager.getConnection(url);
      page = reader.prepareStatement(
          "SELECT seq, id, sender, body, created_at, client_id FROM messages WHERE chat_id = ?"
              + " ORDER BY seq DESC LIMIT 50");
      list = reader.prepareStatement(
          "SELECT c.id, c.type, c.pair_key, c.participants, c.last_seq, c.last_message_id, c.last_sender,"
              + " c.last_body, c.updated_at FROM chat_members m JOIN chats c ON c.id = m.chat_id"
              + " WHERE m.user_id = ? ORDER BY m.updated_at DESC, m.chat_id DESC LIMIT 50");
    }

    @Override
    public void load(Random random) throws SQLException {
      try (PreparedStatement chat = writer.prepareStatement(
              "INSERT INTO chats(type, pair_key, participants, last_seq, last_message_id, last_sender, last_body,"
                  + " created_at, updated_at) VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
          PreparedStatement member = writer.prepareStatement(
              "INSERT INTO chat_members(chat_id, user_id, updated_at) VALUES (?, ?, ?)")) {
        long now = System.currentTimeMillis();
        long id = 0;
        // the others' chats and the user's chats, interleaved in time
        for (int i = 0; i < OTHER_CHATS + USER_CHATS + IN_FLIGHT + 1; i++) {
          String a;
          String b;
          long lastSeq = 10;
          if (i < OTHER_CHATS) {
            a = "o" + (2 * i);
            b = "o" + (2 * i + 1);
          } else if (i < OTHER_CHATS + USER_CHATS) {
            a = "u0";
            b = "p" + i;
          } else if (i < OTHER_CHATS + USER_CHATS + IN_FLIGHT) {
            a = "me";
            b = "s" + (i - OTHER_CHATS - USER_CHATS);
            lastSeq = 0;
          } else {
            a = "big1";
            b = "big2";
            lastSeq = BIG_CHAT_MESSAGES;
          }
          long updated = now - random.nextInt(365 * 86_400) * 1000L;
          chat.setString(1, pairKey(a, b));
          chat.setString(2, a + "," + b);
          chat.setLong(3, lastSeq);
          chat.setString(4, messageId(-1 - i));
          chat.setString(5, a);
          chat.setString(6, BODY);
          chat.setLong(7, updated);
          chat.setLong(8, updated);
          try (ResultSet rs = chat.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
          for (String u : new String[] {a, b}) {
            member.setLong(1, id);
            member.setString(2, u);
            member.setLong(3, updated);
            member.addBatch();
          }
          if (i % 1000 == 0) {
            member.executeBatch();
          }
        }
        member.executeBatch();
        bigChatId = id;
        try (PreparedStatement msg = writer.prepareStatement(
            "INSERT INTO messages(chat_id, seq, id, sender, body, created_at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          for (int seq = 1; seq <= BIG_CHAT_MESSAGES; seq++) {
            msg.setLong(1, bigChatId);
            msg.setLong(2, seq);
            msg.setString(3, messageId(-1_000_000L - seq));
            msg.setString(4, seq % 2 == 0 ? "big1" : "big2");
            msg.setString(5, BODY);
            msg.setLong(6, now);
            msg.setString(7, "c" + seq);
            msg.addBatch();
            if (seq % 1000 == 0) {
              msg.executeBatch();
            }
          }
        }
      }
      writer.commit();
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      writer.commit();
    }

    @Override
    public void writeBatch(List<Send> batch) throws SQLException {
      long[][] results = new long[batch.size()][];
      for (int i = 0; i < batch.size(); i++) {
        Send s = batch.get(i);
        savepoint.execute();
        try {
          long chatId;
          long seq;
          bumpChat.setString(1, s.messageId());
          bumpChat.setString(2, s.sender());
          bumpChat.setString(3, s.body());
          bumpChat.setLong(4, s.at());
          bumpChat.setString(5, s.pairKey());
          try (ResultSet rs = bumpChat.executeQuery()) {
            if (!rs.next()) {
              throw new SQLException("no chat " + s.pairKey());
            }
            chatId = rs.getLong(1);
            seq = rs.getLong(2);
          }
          insertMessage.setLong(1, chatId);
          insertMessage.setLong(2, seq);
          insertMessage.setString(3, s.messageId());
          insertMessage.setString(4, s.sender());
          insertMessage.setString(5, s.body());
          insertMessage.setLong(6, s.at());
          insertMessage.setString(7, s.clientId());
          insertMessage.executeUpdate();
          bumpMembers.setLong(1, s.at());
          bumpMembers.setLong(2, chatId);
          bumpMembers.executeUpdate();
          release.execute();
          results[i] = new long[] {chatId, seq};
        } catch (SQLException e) {
          // a real adapter tells a duplicate idempotency key apart and answers the stored message
          rollbackTo.execute();
          release.execute();
          results[i] = null;
          batch.get(i).done().completeExceptionally(e);
        }
      }
      writer.commit(); // WAL, synchronous=FULL: fsync of the WAL before this returns
      for (int i = 0; i < batch.size(); i++) {
        if (results[i] != null) {
          batch.get(i).done().complete(results[i]);
        }
      }
    }

    @Override
    public int latestPage(long chatId) throws SQLException {
      page.setLong(1, chatId);
      int n = 0;
      long sum = 0;
      try (ResultSet rs = page.executeQuery()) {
        while (rs.next()) {
          sum += rs.getLong(1) + rs.getString(2).length() + rs.getString(3).length() + rs.getString(4).length()
              + rs.getLong(5);
          rs.getString(6);
          n++;
        }
      }
      return sum == 0 ? -1 : n;
    }

    @Override
    public int chatList(String userId) throws SQLException {
      list.setString(1, userId);
      int n = 0;
      long sum = 0;
      try (ResultSet rs = list.executeQuery()) {
        while (rs.next()) {
          sum += rs.getLong(1) + rs.getInt(2) + rs.getString(3).length() + rs.getString(4).length()
              + rs.getLong(5) + rs.getString(6).length() + rs.getString(7).length() + rs.getString(8).length()
              + rs.getLong(9);
          n++;
        }
      }
      return sum == 0 ? -1 : n;
    }

    @Override
    public long bigChatId() {
      return bigChatId;
    }

    @Override
    public String describe() {
      StringBuilder sb = new StringBuilder("sqlite ");
      try (Statement s = reader.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
          rs.next();
          sb.append(rs.getString(1));
        }
        for (String pragma : new String[] {"journal_mode", "synchronous", "page_size", "wal_autocheckpoint"}) {
          try (ResultSet rs = writer.createStatement().executeQuery("PRAGMA " + pragma)) {
            rs.next();
            sb.append(", ").append(pragma).append('=').append(rs.getString(1));
          }
        }
        sb.append("\nplan, page: ").append(plan(s, "SELECT seq FROM messages WHERE chat_id = 1 ORDER BY seq DESC LIMIT 50"));
        sb.append("\nplan, list: ").append(plan(s,
            "SELECT c.id FROM chat_members m JOIN chats c ON c.id = m.chat_id WHERE m.user_id = 'u0'"
                + " ORDER BY m.updated_at DESC, m.chat_id DESC LIMIT 50"));
        sb.append("\nplan, send: ").append(plan(s,
            "UPDATE chats SET last_seq = last_seq + 1 WHERE type = 0 AND pair_key = 'x'"));
      } catch (SQLException e) {
        sb.append(" (").append(e).append(')');
      }
      return sb.toString();
    }

    static String plan(Statement s, String sql) throws SQLException {
      StringBuilder sb = new StringBuilder();
      try (ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
        while (rs.next()) {
          sb.append(rs.getString(4)).append("; ");
        }
      }
      return sb.toString();
    }

    @Override
    public void close() throws SQLException {
      reader.close();
      writer.commit();
      writer.close();
    }
  }

  // ---------------------------------------------------------------------------------------------------- MVStore

  /**
   * Maps (all transactional): chats id -> fields; chatByPair "type\0pairKey" -> id; messages (chatId << 32 | seq) ->
   * fields; messageById id -> place; idempotency "chatId\0sender\0clientId" -> place; members "userId\0chatId" ->
   * updatedAt; recent "userId\0(MAX - updatedAt)\0(MAX - chatId)" -> chatId (ascending = latest first).
   */
  static final class MvStore implements Backend {
    final MVStore store;
    final TransactionStore ts;
    long bigChatId;

    MvStore(Path file) {
      store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(32).open();
      ts = new TransactionStore(store);
      ts.init();
    }

    static final class Maps {
      final TransactionMap<Long, String> chats;
      final TransactionMap<String, Long> chatByPair;
      final TransactionMap<Long, String> messages;
      final TransactionMap<String, Long> messageById;
      final TransactionMap<String, Long> idempotency;
      final TransactionMap<String, Long> members;
      final TransactionMap<String, Long> recent;

      Maps(Transaction tx) {
        chats = tx.openMap("chats", LongDataType.INSTANCE, StringDataType.INSTANCE);
        chatByPair = tx.openMap("chatByPair", StringDataType.INSTANCE, LongDataType.INSTANCE);
        messages = tx.openMap("messages", LongDataType.INSTANCE, StringDataType.INSTANCE);
        messageById = tx.openMap("messageById", StringDataType.INSTANCE, LongDataType.INSTANCE);
        idempotency = tx.openMap("idempotency", StringDataType.INSTANCE, LongDataType.INSTANCE);
        members = tx.openMap("members", StringDataType.INSTANCE, LongDataType.INSTANCE);
        recent = tx.openMap("recent", StringDataType.INSTANCE, LongDataType.INSTANCE);
      }
    }

    static String recentKey(String user, long updatedAt, long chatId) {
      return user + '\0' + String.format("%019d", Long.MAX_VALUE - updatedAt) + '\0'
          + String.format("%019d", Long.MAX_VALUE - chatId);
    }

    /** type, pairKey, participants, lastSeq, lastMessageId, lastSender, lastBody, createdAt, updatedAt. */
    static String chatValue(String pair, String participants, long lastSeq, String lastId, String lastSender,
        String lastBody, long createdAt, long updatedAt) {
      return "0\t" + pair + '\t' + participants + '\t' + lastSeq + '\t' + lastId + '\t' + lastSender + '\t'
          + lastBody + '\t' + createdAt + '\t' + updatedAt;
    }

    @Override
    public void load(Random random) {
      long now = System.currentTimeMillis();
      Transaction tx = ts.begin();
      Maps m = new Maps(tx);
      long id = 0;
      int total = OTHER_CHATS + USER_CHATS + IN_FLIGHT + 1;
      for (int i = 0; i < total; i++) {
        String a;
        String b;
        long lastSeq = 10;
        if (i < OTHER_CHATS) {
          a = "o" + (2 * i);
          b = "o" + (2 * i + 1);
        } else if (i < OTHER_CHATS + USER_CHATS) {
          a = "u0";
          b = "p" + i;
        } else if (i < OTHER_CHATS + USER_CHATS + IN_FLIGHT) {
          a = "me";
          b = "s" + (i - OTHER_CHATS - USER_CHATS);
          lastSeq = 0;
        } else {
          a = "big1";
          b = "big2";
          lastSeq = BIG_CHAT_MESSAGES;
        }
        long updated = now - random.nextInt(365 * 86_400) * 1000L;
        id = i + 1;
        String pair = pairKey(a, b);
        m.chats.put(id, chatValue(pair, a + "," + b, lastSeq, messageId(-1 - i), a, BODY, updated, updated));
        m.chatByPair.put("0\0" + pair, id);
        for (String u : new String[] {a, b}) {
          m.members.put(u + '\0' + id, updated);
          m.recent.put(recentKey(u, updated, id), id);
        }
        if (i % 10_000 == 0) {
          tx.commit();
          store.commit();
          tx = ts.begin();
          m = new Maps(tx);
        }
      }
      bigChatId = id;
      for (int seq = 1; seq <= BIG_CHAT_MESSAGES; seq++) {
        long place = bigChatId << 32 | seq;
        String mid = messageId(-1_000_000L - seq);
        String sender = seq % 2 == 0 ? "big1" : "big2";
        m.messages.put(place, mid + '\t' + sender + '\t' + now + '\t' + "c" + seq + '\t' + BODY);
        m.messageById.put(mid, place);
        m.idempotency.put(bigChatId + "\0" + sender + '\0' + "c" + seq, place);
        if (seq % 10_000 == 0) {
          tx.commit();
          store.commit();
          tx = ts.begin();
          m = new Maps(tx);
        }
      }
      tx.commit();
      store.commit();
      store.sync();
    }

    @Override
    public void writeBatch(List<Send> batch) {
      Transaction tx = ts.begin();
      Maps m = new Maps(tx);
      long[][] results = new long[batch.size()][];
      for (int i = 0; i < batch.size(); i++) {
        Send s = batch.get(i);
        long sp = tx.setSavepoint();
        try {
          Long chatId = m.chatByPair.get("0\0" + s.pairKey());
          if (chatId == null) {
            throw new IllegalStateException("no chat " + s.pairKey());
          }
          String[] f = m.chats.get(chatId).split("\t", -1);
          long seq = Long.parseLong(f[3]) + 1;
          String idemKey = chatId + "\0" + s.sender() + '\0' + s.clientId();
          if (m.idempotency.get(idemKey) != null) {
            throw new IllegalStateException("duplicate");
          }
          long place = chatId << 32 | seq;
          m.messages.put(place,
              s.messageId() + '\t' + s.sender() + '\t' + s.at() + '\t' + s.clientId() + '\t' + s.body());
          if (m.messageById.putIfAbsent(s.messageId(), place) != null) {
            throw new IllegalStateException("duplicate message id");
          }
          m.idempotency.put(idemKey, place);
          m.chats.put(chatId, chatValue(f[1], f[2], seq, s.messageId(), s.sender(), s.body(),
              Long.parseLong(f[7]), s.at()));
          for (String u : f[2].split(",")) {
            String memberKey = u + '\0' + chatId;
            Long old = m.members.get(memberKey);
            m.recent.remove(recentKey(u, old, chatId));
            m.recent.put(recentKey(u, s.at(), chatId), chatId);
            m.members.put(memberKey, s.at());
          }
          results[i] = new long[] {chatId, seq};
        } catch (RuntimeException e) {
          tx.rollbackToSavepoint(sp);
          s.done().completeExceptionally(e);
        }
      }
      tx.commit();
      store.commit(); // writes the chunk
      store.sync(); // fsync
      for (int i = 0; i < batch.size(); i++) {
        if (results[i] != null) {
          batch.get(i).done().complete(results[i]);
        }
      }
    }

    @Override
    public int latestPage(long chatId) {
      Transaction tx = ts.begin();
      TransactionMap<Long, String> messages = tx.openMap("messages", LongDataType.INSTANCE, StringDataType.INSTANCE);
      Iterator<java.util.Map.Entry<Long, String>> it =
          messages.entryIterator(chatId << 32 | 0xffffffffL, chatId << 32, true);
      int n = 0;
      long sum = 0;
      while (n < 50 && it.hasNext()) {
        var e = it.next();
        String[] f = e.getValue().split("\t", -1);
        sum += (e.getKey() & 0xffffffffL) + f[0].length() + f[1].length() + Long.parseLong(f[2]) + f[4].length();
        n++;
      }
      tx.commit();
      return sum == 0 ? -1 : n;
    }

    @Override
    public int chatList(String userId) {
      Transaction tx = ts.begin();
      TransactionMap<String, Long> recent = tx.openMap("recent", StringDataType.INSTANCE, LongDataType.INSTANCE);
      TransactionMap<Long, String> chats = tx.openMap("chats", LongDataType.INSTANCE, StringDataType.INSTANCE);
      Iterator<java.util.Map.Entry<String, Long>> it = recent.entryIterator(userId + '\0', userId + '\1');
      int n = 0;
      long sum = 0;
      while (n < 50 && it.hasNext()) {
        long chatId = it.next().getValue();
        String[] f = chats.get(chatId).split("\t", -1);
        sum += chatId + f[1].length() + f[2].length() + Long.parseLong(f[3]) + f[4].length() + f[5].length()
            + f[6].length() + Long.parseLong(f[8]);
        n++;
      }
      tx.commit();
      return sum == 0 ? -1 : n;
    }

    @Override
    public long bigChatId() {
      return bigChatId;
    }

    @Override
    public String describe() {
      return "mvstore (h2 " + org.h2.engine.Constants.VERSION + "), TransactionStore, one transaction per batch,"
          + " MVStore.commit() + MVStore.sync() per batch";
    }

    @Override
    public void close() {
      ts.close();
      store.close();
    }
  }
}
