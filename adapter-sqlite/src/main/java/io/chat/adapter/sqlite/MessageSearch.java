package io.chat.adapter.sqlite;

import static io.chat.adapter.sqlite.MessageTables.COLUMNS;

import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.message.Message;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Message search on an FTS5 index of the words {@link SearchTerms} makes (issue 14's search, on the
 * embedded store).
 *
 * <p>{@code message_search} is a contentless FTS5 table, one row per live text message that has
 * words, at the message's time key (its rowid in {@code messages}): the words joined by spaces,
 * after a token {@code _<chatId>} for its chat. The {@code ascii} tokenizer keeps the words as
 * {@link SearchTerms} made them (they are letters and digits only, already folded; every non-ASCII
 * char is a token char), and {@code _} joins the chat token ({@link SearchTerms} never makes a word
 * with it). {@code detail=none}: only which rows have a token is kept, all an AND of words needs.
 * {@code secure-delete}: taking a message out (an edit, a deletion for everyone) removes its words
 * from the index's pages at once, rather than leaving them there behind a delete marker until a
 * merge. The index holds exactly what this release's {@link SearchTerms} makes of each live
 * message's text, so taking it out recomputes what was put in; a release that changes {@link
 * SearchTerms} must rebuild the index ({@code 'delete-all'}, then every live message again).
 *
 * <p>Because rowids are time keys, FTS5 answers a query newest first from the index itself ({@code
 * ORDER BY rowid DESC}), and a cursor is a rowid bound: no sort of the matches, and a page stops
 * after its last row. Messages of one millisecond are ordered by id here, in Java (their keys
 * follow the order they were stored in): a page reads on to the end of its last row's millisecond,
 * then sorts. Two plans, by the number of chats searched:
 *
 * <ul>
 *   <li>up to {@value #MAX_CHAT_TOKENS} chats: the words and an OR of the chats' tokens, one FTS5
 *       query: it reads only the searched chats' messages that have the words;
 *   <li>more: the words alone, newest first, each match joined to its message and kept if its chat
 *       is searched ({@code json_each} of the chats, an in-memory index); that is a few rows per
 *       result when the searcher's chats hold a fair share of the store. At most {@value
 *       #MAX_SCANNED} matches are read that way; if the page is not full by then (a word common in
 *       the store but rare in the searcher's chats), the rest of the page comes from the first
 *       plan, the chats in groups of {@value #MAX_CHAT_TOKENS}, below the last match read. So no
 *       search reads more than {@value #MAX_SCANNED} matches outside the searcher's chats.
 * </ul>
 *
 * <p>Why FTS5 and not a table {@code message_words(word, chat_id, created_at, message_id)} keyed as
 * a covering index per word (its best query: each searched chat's range of the word, merged by a
 * sort that keeps only the page): measured by {@code SearchBenchmarkMain}, 100,000 messages in
 * 1,000 chats, eight words each with Zipf frequencies; first page of 20, medians; three runs on a
 * 2-cpu machine (the words table's query left out the hidden-for check, in its favour).
 *
 * <pre>
 *                                                FTS5            words table
 * a send's CPU for its words                     +52 .. 61 us    +287 .. 333 us
 *   (the message row alone: 33 .. 40 us)
 * the file (messages alone 21.3 MB)              +7.4 MB         +56.2 MB
 * 1 chat: a word in 1 message, in 1 %,           0.33 .. 3.0 ms  0.32 .. 0.84 ms
 *   in 2 of 3, two such words, a third page
 * 1,000 chats: the same                          1.4 .. 2.4 ms   1.8 .. 16.2 ms
 * 1,000 chats, none with any of the 65,000       22 .. 40 ms     1.3 .. 2.7 ms
 *   messages that have the word
 * </pre>
 *
 * Both answer in milliseconds; the words table costs a send five times the CPU (a third of the
 * millisecond a send may cost the whole server at 1,000 sends/s, in random writes to a B-tree seven
 * times the size of FTS5's) and the disk. FTS5's slow case is the fall-back to the chats' tokens,
 * about 25 us per chat searched (a seek in each segment of the index). Most of FTS5's cost to a
 * send is its flush at each savepoint (one per write, see {@link Writer}): 36 .. 59 us per message
 * with a savepoint each, 9 .. 12 us without.
 */
final class MessageSearch {
  /** Up to this many chats, one FTS5 query names them all. */
  static final int MAX_CHAT_TOKENS = 32;

  /** The most matches the plan for many chats reads before it turns to the chats' tokens. */
  static final int MAX_SCANNED = 4_000;

  static final String TABLE =
      "CREATE VIRTUAL TABLE message_search USING fts5"
          + " (words, content = '', detail = none, tokenize = \"ascii tokenchars '_'\")";
  static final String SECURE_DELETE =
      "INSERT INTO message_search (message_search, rank) VALUES ('secure-delete', 1)";
  static final String ADD = "INSERT INTO message_search (rowid, words) VALUES (?, ?)";

  /**
   * A contentless table forgets a row by being told what it holds (with {@code secure-delete} the
   * words are then erased from the index's pages; {@code contentless_delete} would only mark the
   * row deleted and leave its words in the file until a merge). The words are computed again from
   * the stored text: a release that changes {@code SearchTerms}, or a JDK whose Unicode tables fold
   * text differently, must rebuild the index.
   */
  static final String REMOVE =
      "INSERT INTO message_search (message_search, rowid, words) VALUES ('delete', ?, ?)";

  /** What every match must be besides its words; the searcher is the last parameter. */
  private static final String LIVE_AND_SHOWN =
      " AND m.deleted_at IS NULL AND m.event IS NULL AND NOT EXISTS"
          + " (SELECT 1 FROM message_hidden h WHERE h.time_key = m.time_key AND h.user_id = ?)";

  /** The matches of an FTS5 query (words and chat tokens) below a time key, newest first. */
  static final String IN_CHATS =
      "SELECT "
          + COLUMNS
          + " FROM message_search JOIN messages m ON m.time_key = message_search.rowid"
          + " WHERE message_search MATCH ? AND message_search.rowid < ?"
          + LIVE_AND_SHOWN
          + " ORDER BY message_search.rowid DESC";

  /**
   * The matches of the words among the newest {@code ?} of the store below a time key, in the chats
   * of a JSON array, newest first.
   */
  static final String NEWEST =
      "SELECT "
          + COLUMNS
          + " FROM (SELECT rowid AS time_key FROM message_search"
          + " WHERE message_search MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?) found"
          + " JOIN messages m ON m.time_key = found.time_key"
          + " WHERE m.chat_id IN (SELECT value FROM json_each(?))"
          + LIVE_AND_SHOWN
          + " ORDER BY found.time_key DESC";

  /** How many matches {@link #NEWEST} read, and the oldest of them. */
  static final String SCANNED =
      "SELECT count(*), min(time_key) FROM (SELECT rowid AS time_key FROM message_search"
          + " WHERE message_search MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?)";

  private static final Comparator<Message> NEWEST_FIRST =
      Comparator.comparing(Message::createdAt).thenComparing(m -> m.id().value()).reversed();

  private final SqliteStore store;
  private final int maxChatTokens;
  private final int maxScanned;

  MessageSearch(SqliteStore store) {
    this(store, MAX_CHAT_TOKENS, MAX_SCANNED);
  }

  /** With other thresholds: for tests that reach every plan with few messages. */
  MessageSearch(SqliteStore store, int maxChatTokens, int maxScanned) {
    this.store = store;
    this.maxChatTokens = maxChatTokens;
    this.maxScanned = maxScanned;
  }

  // ---- keeping the index

  /** What a message is indexed under: nothing for a system entry or a tombstone. */
  static List<String> words(Message message) {
    return message.isSystem() || message.isDeleted()
        ? List.of()
        : SearchTerms.words(message.text().value());
  }

  /** Indexes a message just stored at {@code key}. */
  static void add(Session session, long key, Message message) throws SQLException {
    List<String> words = words(message);
    if (!words.isEmpty()) {
      write(session, ADD, key, document(message.chatId(), words));
    }
  }

  /** Re-indexes a revised message when its words changed (an edit, a deletion for everyone). */
  static void replace(Session session, long key, Message stored, Message revised)
      throws SQLException {
    List<String> before = words(stored);
    List<String> after = words(revised);
    if (before.equals(after)) {
      return;
    }
    if (!before.isEmpty()) {
      write(session, REMOVE, key, document(stored.chatId(), before));
    }
    if (!after.isEmpty()) {
      write(session, ADD, key, document(revised.chatId(), after));
    }
  }

  private static void write(Session session, String sql, long key, String document)
      throws SQLException {
    PreparedStatement statement = session.statement(sql);
    statement.setLong(1, key);
    statement.setString(2, document);
    statement.executeUpdate();
  }

  private static String document(ChatId chat, List<String> words) {
    return chatToken(chat.value()) + ' ' + String.join(" ", words);
  }

  /** The token of a chat: {@link SearchTerms} never makes a word with {@code _}. */
  private static String chatToken(String chat) {
    return '_' + chat;
  }

  // ---- searching

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
    Map<String, List<SearchScope>> chats = new HashMap<>();
    scopes.stream()
        .filter(s -> s.fromSeq() <= s.toSeq())
        .forEach(s -> chats.computeIfAbsent(s.chat().value(), c -> new ArrayList<>()).add(s));
    long below = after.map(c -> keyBelow(c.createdAt().toEpochMilli())).orElse(Long.MAX_VALUE);
    // The index holds only words of letters and digits: no other word is in any message.
    if (limit <= 0 || chats.isEmpty() || below == Long.MIN_VALUE || !allWords(words)) {
      return CompletableFuture.completedStage(List.of());
    }
    // One read transaction: a search that takes two queries sees one state of the store, or a
    // message committed between them could be listed twice.
    return store.read(
        session -> {
          session.execute("BEGIN");
          try {
            return new Search(session, searcher, words, chats, after, limit).run(below);
          } finally {
            session.execute("COMMIT");
          }
        });
  }

  /** The exclusive time-key bound of the messages at or before {@code millis}. */
  private static long keyBelow(long millis) {
    if (millis >= MessageTables.MAX_MILLIS) {
      return Long.MAX_VALUE;
    }
    return millis < MessageTables.MIN_MILLIS
        ? Long.MIN_VALUE
        : (millis + 1) << MessageTables.TIE_BITS;
  }

  private static boolean allWords(List<String> words) {
    return words.stream()
        .allMatch(w -> !w.isEmpty() && w.codePoints().allMatch(Character::isLetterOrDigit));
  }

  /** One search, on a reader's session: what it looks for, and the matches it kept so far. */
  private final class Search {
    private final Session session;
    private final UserId searcher;
    private final String phrase;
    private final Map<String, List<SearchScope>> scopes;
    private final List<String> chats;
    private final Optional<SearchCursor> after;
    private final int limit;
    private final List<Message> found = new ArrayList<>();

    Search(
        Session session,
        UserId searcher,
        List<String> words,
        Map<String, List<SearchScope>> scopes,
        Optional<SearchCursor> after,
        int limit) {
      this.session = session;
      this.searcher = searcher;
      this.phrase = words.stream().map(w -> '"' + w + '"').collect(Collectors.joining(" "));
      this.scopes = scopes;
      this.chats = List.copyOf(scopes.keySet());
      this.after = after;
      this.limit = limit;
    }

    List<Message> run(long below) throws SQLException {
      if (chats.size() <= maxChatTokens) {
        inChats(chats, below, limit);
      } else {
        newest(below);
      }
      found.sort(NEWEST_FIRST);
      return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    /** The first plan: the words and these chats' tokens, in one FTS5 query. */
    private void inChats(List<String> group, long below, int need) throws SQLException {
      String tokens =
          group.stream().map(c -> '"' + chatToken(c) + '"').collect(Collectors.joining(" OR "));
      PreparedStatement query = session.statement(IN_CHATS);
      query.setString(1, phrase + " AND (" + tokens + ')');
      query.setLong(2, below);
      query.setString(3, searcher.value());
      try (ResultSet rows = query.executeQuery()) {
        collect(rows, need);
      }
    }

    /** The second plan: the words alone, newest first, then the first plan below what it read. */
    private void newest(long below) throws SQLException {
      PreparedStatement query = session.statement(NEWEST);
      query.setString(1, phrase);
      query.setLong(2, below);
      query.setInt(3, maxScanned);
      query.setString(
          4, chats.stream().map(c -> '"' + c + '"').collect(Collectors.joining(",", "[", "]")));
      query.setString(5, searcher.value());
      try (ResultSet rows = query.executeQuery()) {
        if (collect(rows, limit)) {
          return;
        }
      }
      PreparedStatement scanned = session.statement(SCANNED);
      scanned.setString(1, phrase);
      scanned.setLong(2, below);
      scanned.setInt(3, maxScanned);
      long oldestMillis;
      try (ResultSet row = scanned.executeQuery()) {
        row.next();
        if (row.getInt(1) < maxScanned) {
          return; // every match was read
        }
        oldestMillis = row.getLong(2) >> MessageTables.TIE_BITS;
      }
      // The oldest millisecond read may go on below what was read: read it again with the rest.
      found.removeIf(m -> m.createdAt().toEpochMilli() == oldestMillis);
      int need = limit - found.size();
      long rest = keyBelow(oldestMillis);
      for (int from = 0; need > 0 && from < chats.size(); from += maxChatTokens) {
        inChats(chats.subList(from, Math.min(chats.size(), from + maxChatTokens)), rest, need);
      }
    }

    /**
     * Keeps the rows in a scope and after the cursor, read newest first; stops once {@code need}
     * are kept and a row is older than the last kept (so the last millisecond is read whole).
     * Answers whether it stopped so, rather than at the end of the rows.
     */
    private boolean collect(ResultSet rows, int need) throws SQLException {
      int kept = 0;
      long lastMillis = Long.MAX_VALUE;
      while (rows.next()) {
        long millis = rows.getLong(MessageTables.CREATED_AT);
        if (kept >= need && millis < lastMillis) {
          return true;
        }
        if (keeps(rows, millis)) {
          found.add(MessageTables.message(rows));
          kept++;
          lastMillis = millis;
        }
      }
      return false;
    }

    private boolean keeps(ResultSet row, long millis) throws SQLException {
      List<SearchScope> chat = scopes.get(row.getString(MessageTables.CHAT));
      long seq = row.getLong(MessageTables.SEQ);
      if (chat == null || chat.stream().noneMatch(s -> s.covers(seq))) {
        return false;
      }
      // The query's bound keeps all of the cursor's millisecond: of it, smaller ids come after.
      return after.isEmpty()
          || millis < after.get().createdAt().toEpochMilli()
          || row.getString(MessageTables.ID).compareTo(after.get().id().value()) < 0;
    }
  }
}
