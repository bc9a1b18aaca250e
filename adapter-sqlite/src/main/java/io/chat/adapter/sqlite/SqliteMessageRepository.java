package io.chat.adapter.sqlite;

import static io.chat.adapter.sqlite.MessageTables.COLUMNS;
import static io.chat.adapter.sqlite.MessageTables.TIE_BITS;

import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MessageRepository;
import io.chat.application.port.out.SearchCursor;
import io.chat.application.port.out.SearchScope;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The messages table (see {@link MessageTables}), its search index ({@link MessageSearch}) and who
 * hid which message. A send stores a message with two statements: the row (its time key taken in
 * the same statement, a uniqueness conflict answered by no row) and its words (none for a system
 * entry); a retry answered from the stored message adds a lookup by client id. A revision is a
 * lookup at the message's place and an update by its key, plus its words (out, in) only if they
 * changed and who hid it only if that changed.
 */
final class SqliteMessageRepository implements MessageRepository {
  /**
   * A new message at the next free time key of its millisecond; a message already stored at its
   * place, id or client id is left as it is and no key comes back.
   */
  static final String INSERT =
      "INSERT INTO messages (time_key, "
          + String.join(", ", MessageTables.OWN)
          + ", "
          + String.join(", ", MessageTables.REVISED)
          + ") VALUES ((SELECT coalesce(max(time_key) + 1, ?) FROM messages"
          + " WHERE time_key >= ? AND time_key < ?), "
          + String.join(
              ", ",
              Collections.nCopies(MessageTables.OWN.size() + MessageTables.REVISED.size(), "?"))
          + ") ON CONFLICT DO NOTHING RETURNING time_key";

  static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?";
  static final String FIND_BY_CLIENT_ID =
      "SELECT "
          + COLUMNS
          + " FROM messages m"
          + " WHERE m.chat_id = ? AND m.sender = ? AND m.client_message_id = ?";

  static final String FIND_BY_KEY = "SELECT " + COLUMNS + " FROM messages m WHERE m.time_key = ?";

  /**
   * The time key of a sender's message by its client id in the chat of a pair (first, second,
   * type). The key alone: every send asks, hardly any finds one, and the driver reads the name of
   * each result column on every query, rows or none.
   */
  static final String FIND_RETRY_IN_PAIR =
      "SELECT m.time_key FROM messages m"
          + " WHERE m.chat_id = (SELECT id FROM chats"
          + " WHERE first_user = ? AND second_user = ? AND type = ?)"
          + " AND m.sender = ? AND m.client_message_id = ?";

  static final String FIND_AT_PLACE =
      "SELECT " + COLUMNS + " FROM messages m WHERE m.chat_id = ? AND m.seq = ?";
  static final String LATEST_BEFORE =
      "SELECT "
          + COLUMNS
          + " FROM messages m WHERE m.chat_id = ? AND m.seq >= ? AND m.seq < ?"
          + " ORDER BY m.seq DESC LIMIT ?";
  static final String EARLIEST_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM messages m WHERE m.chat_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?";
  static final String COUNT_FROM =
      "SELECT count(*) FROM messages WHERE chat_id = ? AND seq > ? AND sender = ?";

  /** Counts along the chat's seqs and stops at the cap. */
  static final String COUNT_UNREAD =
      "SELECT count(*) FROM (SELECT 1 FROM messages WHERE chat_id = ? AND seq > ? AND seq <= ?"
          + " AND sender <> ? AND event IS NULL LIMIT ?)";

  static final String REVISE =
      "UPDATE messages SET " + MessageTables.REVISABLE + " WHERE time_key = ?";

  // The partial indexes hold only what their queries ask for; "change > 0" and "pin_at IS NOT
  // NULL" tell the planner so.
  static final String REVISED_BETWEEN =
      "SELECT "
          + COLUMNS
          + " FROM messages m WHERE m.chat_id = ? AND m.change > 0 AND m.change > ?"
          + " AND m.change <= ? ORDER BY m.change LIMIT ?";
  static final String PINNED =
      "SELECT "
          + COLUMNS
          + " FROM messages m WHERE m.chat_id = ? AND m.pin_at IS NOT NULL"
          + " ORDER BY m.pin_at DESC, m.seq DESC LIMIT ?";

  static final String HIDE = "INSERT INTO message_hidden (time_key, user_id) VALUES (?, ?)";
  static final String UNHIDE_ALL = "DELETE FROM message_hidden WHERE time_key = ?";

  private final SqliteStore store;
  private final MessageSearch search;

  SqliteMessageRepository(SqliteStore store) {
    this.store = store;
    this.search = new MessageSearch(store);
  }

  static String findByIds(int count) {
    return "SELECT " + COLUMNS + " FROM messages m WHERE m.id IN " + InLists.placeholders(count);
  }

  /**
   * Stores the message unless one is stored at its client id (that one is the answer), or the very
   * same message is stored already; another message at its seq is a conflict.
   */
  @Override
  public CompletionStage<Stored> insert(Message message) {
    return store.write(session -> insert(session, message));
  }

  /**
   * A send as one write, one commit: the chat's step ({@link SqliteChatRepository#record}) and the
   * message at its seq, on this store's own chats (which {@code chats} is, behind whatever wraps
   * it).
   */
  @Override
  public CompletionStage<Recorded> record(
      ChatRepository chats, Chat ifAbsent, NewMessage message, Optional<SupportStatus> status) {
    return store.write(session -> stepAndInsert(session, ifAbsent, message, status));
  }

  /** As {@link #record}, the retry looked for inside the same write: no read before it. */
  @Override
  public CompletionStage<Recorded> recordUnlessStored(
      ChatRepository chats, Chat ifAbsent, NewMessage message, Optional<SupportStatus> status) {
    return store.write(
        session -> {
          if (message.clientMessageId().isPresent() && !ifAbsent.isGroup()) {
            PairKey pair = ifAbsent.pair();
            Optional<Long> key =
                key(
                    bound(
                        session,
                        FIND_RETRY_IN_PAIR,
                        pair.first().value(),
                        pair.second().value(),
                        ifAbsent.type().wire(),
                        message.sender().value(),
                        message.clientMessageId().get().value()));
            if (key.isPresent()) {
              Message earlier = one(bound(session, FIND_BY_KEY, key.get())).orElseThrow();
              Chat chat = SqliteChatRepository.findById(session, earlier.chatId()).orElseThrow();
              return new Recorded(chat, new Stored(earlier, false));
            }
          }
          return stepAndInsert(session, ifAbsent, message, status);
        });
  }

  private static Recorded stepAndInsert(
      Session session, Chat ifAbsent, NewMessage message, Optional<SupportStatus> status)
      throws SQLException {
    Chat chat = SqliteChatRepository.record(session, ifAbsent, message, status);
    return new Recorded(chat, insert(session, message.at(chat.id(), chat.lastSeq())));
  }

  private static Stored insert(Session session, Message message) throws SQLException {
    if (insertRow(session, message).isPresent()) {
      return new Stored(message, true);
    }
    Optional<Message> stored = Optional.empty();
    if (message.clientMessageId().isPresent()) {
      stored =
          one(
              bound(
                  session,
                  FIND_BY_CLIENT_ID,
                  message.chatId().value(),
                  message.sender().value(),
                  message.clientMessageId().get().value()));
    }
    if (stored.isEmpty()) {
      stored =
          one(bound(session, FIND_BY_ID, message.id().value()))
              .filter(m -> m.chatId().equals(message.chatId()));
    }
    return new Stored(stored.orElseThrow(() -> taken(message)), false);
  }

  private static IllegalStateException taken(Message message) {
    return new IllegalStateException(
        "Chat " + message.chatId() + " has another message at seq " + message.seq());
  }

  /**
   * Stores a message exactly as given (its revision, who hid it, its search words), inside a write
   * someone else opened: for the one-time import of an older store.
   */
  static void importMessage(Session session, Message message) throws SQLException {
    if (insertRow(session, message).isEmpty()) {
      throw new IllegalStateException("Message " + message.id() + " is stored already");
    }
  }

  /** The row, who hid it and its words; empty (and nothing written) on a uniqueness conflict. */
  private static Optional<Long> insertRow(Session session, Message message) throws SQLException {
    Optional<Long> key = insertMessageRow(session, message);
    if (key.isPresent()) {
      hide(session, key.get(), message);
      MessageSearch.add(session, key.get(), message);
    }
    return key;
  }

  /** The messages row alone, at its time key (which it answers). */
  static Optional<Long> insertMessageRow(Session session, Message message) throws SQLException {
    long first = MessageTables.firstKey(message.createdAt());
    PreparedStatement insert = bound(session, INSERT, first, first, first + (1L << TIE_BITS));
    MessageTables.bindMessage(insert, 4, message);
    return key(insert);
  }

  /** The time key the statement answers in its first column, if it answers a row. */
  private static Optional<Long> key(PreparedStatement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery()) {
      return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
    }
  }

  private static void hide(Session session, long key, Message message) throws SQLException {
    for (UserId user : message.revision().hiddenFor()) {
      bound(session, HIDE, key, user.value()).executeUpdate();
    }
  }

  @Override
  public CompletionStage<Optional<Message>> findById(MessageId id) {
    return store.read(session -> one(bound(session, FIND_BY_ID, id.value())));
  }

  @Override
  public CompletionStage<Optional<Message>> findByClientMessageId(
      ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    return store.read(
        session ->
            one(
                bound(
                    session,
                    FIND_BY_CLIENT_ID,
                    chat.value(),
                    sender.value(),
                    clientMessageId.value())));
  }

  @Override
  public CompletionStage<List<Message>> latestBefore(
      ChatId chat, long fromSeq, long beforeSeq, int limit) {
    if (limit <= 0 || beforeSeq <= fromSeq) {
      return CompletableFuture.completedStage(List.of());
    }
    return store.read(
        session -> {
          List<Message> page =
              list(bound(session, LATEST_BEFORE, chat.value(), fromSeq, beforeSeq, limit));
          Collections.reverse(page);
          return page;
        });
  }

  @Override
  public CompletionStage<List<Message>> earliestAfter(ChatId chat, long afterSeq, int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    return store.read(
        session -> list(bound(session, EARLIEST_AFTER, chat.value(), afterSeq, limit)));
  }

  @Override
  public CompletionStage<Long> countFrom(ChatId chat, UserId sender, long afterSeq) {
    return store.read(
        session -> count(bound(session, COUNT_FROM, chat.value(), afterSeq, sender.value())));
  }

  @Override
  public CompletionStage<Long> countUnread(
      ChatId chat, UserId reader, long afterSeq, long upToSeq, int cap) {
    if (cap <= 0 || upToSeq <= afterSeq) {
      return CompletableFuture.completedStage(0L);
    }
    return store.read(
        session ->
            count(
                bound(
                    session, COUNT_UNREAD, chat.value(), afterSeq, upToSeq, reader.value(), cap)));
  }

  /**
   * Reads the message at its place and, unless it is already at this change or a later one,
   * rewrites its revisable columns, its words in the search index (only if they changed) and who
   * hid it (only if that changed); a deletion for everyone also drops the users' own reactions.
   */
  @Override
  public CompletionStage<Void> revise(Message revised) {
    return store.write(
        session -> {
          PreparedStatement find =
              bound(session, FIND_AT_PLACE, revised.chatId().value(), revised.seq());
          long key;
          Message stored;
          try (ResultSet row = find.executeQuery()) {
            if (!row.next()) {
              return null;
            }
            key = row.getLong(MessageTables.KEY);
            stored = MessageTables.message(row);
          }
          if (!stored.id().equals(revised.id()) || stored.change() >= revised.change()) {
            return null;
          }
          PreparedStatement update = session.statement(REVISE);
          MessageTables.bindRevisable(update, 1, revised);
          update.setLong(1 + MessageTables.REVISED.size(), key);
          update.executeUpdate();
          MessageSearch.replace(session, key, stored, revised);
          if (!stored.revision().hiddenFor().equals(revised.revision().hiddenFor())) {
            bound(session, UNHIDE_ALL, key).executeUpdate();
            hide(session, key, revised);
          }
          if (revised.isDeleted() && !stored.isDeleted()) {
            SqliteReactionRepository.forget(session, revised.id());
          }
          return null;
        });
  }

  @Override
  public CompletionStage<List<Message>> findByIds(Collection<MessageId> ids) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedStage(List.of());
    }
    List<String> keys = ids.stream().map(MessageId::value).distinct().toList();
    return store.read(
        session -> {
          List<Message> found = new ArrayList<>();
          for (List<String> chunk : InLists.chunks(keys)) {
            try (PreparedStatement query =
                session.connection().prepareStatement(findByIds(chunk.size()))) {
              InLists.bind(query, 1, chunk);
              found.addAll(list(query));
            }
          }
          return found;
        });
  }

  @Override
  public CompletionStage<List<Message>> revisedBetween(
      ChatId chat, long afterChange, long upToChange, int limit) {
    if (limit <= 0 || upToChange <= afterChange) {
      return CompletableFuture.completedStage(List.of());
    }
    return store.read(
        session ->
            list(bound(session, REVISED_BETWEEN, chat.value(), afterChange, upToChange, limit)));
  }

  @Override
  public CompletionStage<List<Message>> pinned(ChatId chat, int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    return store.read(session -> list(bound(session, PINNED, chat.value(), limit)));
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

  /** The cached statement of {@code sql} with its first parameters bound (texts and numbers). */
  private static PreparedStatement bound(Session session, String sql, Object... values)
      throws SQLException {
    PreparedStatement statement = session.statement(sql);
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    return statement;
  }

  private static Optional<Message> one(PreparedStatement query) throws SQLException {
    try (ResultSet row = query.executeQuery()) {
      return row.next() ? Optional.of(MessageTables.message(row)) : Optional.empty();
    }
  }

  private static List<Message> list(PreparedStatement query) throws SQLException {
    List<Message> messages = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        messages.add(MessageTables.message(rows));
      }
    }
    return messages;
  }

  private static long count(PreparedStatement query) throws SQLException {
    try (ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
