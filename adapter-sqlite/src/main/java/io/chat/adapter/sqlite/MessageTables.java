package io.chat.adapter.sqlite;

import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Revision;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables and indexes of messages, their search words and reactions (part of schema migration
 * 2), and how a row maps to its message.
 *
 * <p>{@code messages} is a rowid table (a row carries up to 4,000 chars of text: too big for
 * WITHOUT ROWID) whose rowid is the message's <em>time key</em>: {@code created_at × 2^20} plus the
 * message's rank among those stored for the same millisecond. So the table, and the search index
 * whose rowids are the same keys, list messages in time order whatever the order they were stored
 * in; a send appends at the end of the table.
 *
 * <table>
 *   <caption>messages and what serves what</caption>
 *   <tr><th>index</th><th>serves</th></tr>
 *   <tr><td>rowid ({@code time_key})</td><td>search results (newest first), a new key</td></tr>
 *   <tr><td>{@code messages_by_id (id)}</td><td>findById, findByIds</td></tr>
 *   <tr><td>{@code messages_by_place (chat_id, seq)}</td><td>one message per seq, pages,
 *       revise's lookup, counts (which read each counted row for its sender and kind: a covering
 *       index would be one more index for every send to write; countUnread stops at its
 *       cap)</td></tr>
 *   <tr><td>{@code messages_by_client_id (chat_id, sender, client_message_id)}, partial</td>
 *       <td>one message per client id, findByClientMessageId</td></tr>
 *   <tr><td>{@code messages_revised (chat_id, change)}, partial: change &gt; 0</td>
 *       <td>revisedBetween; a send (change 0) never writes it</td></tr>
 *   <tr><td>{@code messages_pinned (chat_id, pin_at, seq)}, partial: pinned</td>
 *       <td>pinned; a send never writes it</td></tr>
 * </table>
 */
final class MessageTables {
  /** Bits of a time key below the millisecond: room for 2^20 messages stored for one. */
  static final int TIE_BITS = 20;

  /** Times whose keys fit a signed 64-bit rowid: about 278 years either side of 1970. */
  static final long MAX_MILLIS = (1L << (63 - TIE_BITS)) - 1;

  static final long MIN_MILLIS = -(1L << (63 - TIE_BITS));

  static final List<String> STATEMENTS =
      List.of(
          // A text message has text (NULL once deleted for everyone); a system entry has its
          // event (MessageParts) and no text. mentions and reactions are MessageParts lists, NULL
          // when empty; hidden_for is message_hidden. The CHECK keeps the time key's invariant (a
          // 2^20th message in one millisecond would spill into the next: refused).
          """
          CREATE TABLE messages (
            time_key INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            sender TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            client_message_id TEXT,
            event TEXT,
            text TEXT,
            mentions TEXT,
            reply_to TEXT,
            forwarded INTEGER NOT NULL,
            change INTEGER NOT NULL,
            edited_at INTEGER,
            deleted_at INTEGER,
            reactions TEXT,
            pin_by TEXT,
            pin_at INTEGER,
            CHECK (time_key >> %d = created_at)
          )"""
              .formatted(TIE_BITS),
          "CREATE UNIQUE INDEX messages_by_id ON messages (id)",
          "CREATE UNIQUE INDEX messages_by_place ON messages (chat_id, seq)",
          """
          CREATE UNIQUE INDEX messages_by_client_id ON messages (chat_id, sender, client_message_id)
            WHERE client_message_id IS NOT NULL""",
          "CREATE INDEX messages_revised ON messages (chat_id, change) WHERE change > 0",
          """
          CREATE INDEX messages_pinned ON messages (chat_id, pin_at DESC, seq DESC)
            WHERE pin_at IS NOT NULL""",
          // Who deleted a message for themselves: filtered by search, so rows, not a list.
          """
          CREATE TABLE message_hidden (
            time_key INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            PRIMARY KEY (time_key, user_id)
          ) WITHOUT ROWID""",
          MessageSearch.TABLE,
          MessageSearch.SECURE_DELETE,
          // Each user's own reactions: the key serves mine (message, user), the index count
          // (message, emoji). Keyed by message id: a reaction is kept whatever stores the message.
          """
          CREATE TABLE reactions (
            message_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            emoji TEXT NOT NULL,
            PRIMARY KEY (message_id, user_id, emoji)
          ) WITHOUT ROWID""",
          "CREATE INDEX reactions_by_emoji ON reactions (message_id, emoji)");

  /** Every column of a message, its time key first ({@code m} is {@code messages}). */
  static final String COLUMNS =
      "m.time_key, m.id, m.chat_id, m.seq, m.sender, m.created_at, m.client_message_id, m.event,"
          + " m.text, m.mentions, m.reply_to, m.forwarded, m.change, m.edited_at, m.deleted_at,"
          + " m.reactions, m.pin_by, m.pin_at,"
          + " (SELECT group_concat(h.user_id, ' ') FROM message_hidden h"
          + " WHERE h.time_key = m.time_key)";

  // Numbers of the columns in COLUMNS that search reads before it decodes a whole row.
  static final int KEY = 1;
  static final int ID = 2;
  static final int CHAT = 3;
  static final int SEQ = 4;
  static final int CREATED_AT = 6;

  /** A message's own columns (never revised), in the order {@link #bindMessage} binds them. */
  static final List<String> OWN =
      List.of(
          "id",
          "chat_id",
          "seq",
          "sender",
          "created_at",
          "client_message_id",
          "event",
          "forwarded");

  /** The columns a revision replaces, in the order {@link #bindRevisable} binds them. */
  static final List<String> REVISED =
      List.of(
          "text",
          "mentions",
          "reply_to",
          "change",
          "edited_at",
          "deleted_at",
          "reactions",
          "pin_by",
          "pin_at");

  /** {@code text = ?, mentions = ?, ...}: what an update of a revision sets. */
  static final String REVISABLE =
      REVISED.stream().map(column -> column + " = ?").collect(Collectors.joining(", "));

  private MessageTables() {}

  /** The first time key of {@code at}'s millisecond. */
  static long firstKey(Instant at) {
    long millis = at.toEpochMilli();
    if (millis > MAX_MILLIS || millis < MIN_MILLIS) {
      throw new IllegalArgumentException("A message time out of the store's range: " + at);
    }
    return millis << TIE_BITS;
  }

  /**
   * Binds a message's columns from parameter {@code first} on: {@link #OWN}'s, then {@link
   * #REVISED}'s.
   */
  static void bindMessage(PreparedStatement statement, int first, Message message)
      throws SQLException {
    statement.setString(first, message.id().value());
    statement.setString(first + 1, message.chatId().value());
    statement.setLong(first + 2, message.seq());
    statement.setString(first + 3, message.sender().value());
    statement.setLong(first + 4, message.createdAt().toEpochMilli());
    setString(statement, first + 5, message.clientMessageId().map(ClientMessageId::value));
    setString(statement, first + 6, message.system().map(MessageParts::event));
    statement.setInt(first + 7, message.forwarded() ? 1 : 0);
    bindRevisable(statement, first + OWN.size(), message);
  }

  /** Binds what a revision replaces, in {@link #REVISED}'s order. */
  static void bindRevisable(PreparedStatement statement, int first, Message message)
      throws SQLException {
    Revision revision = message.revision();
    setString(
        statement,
        first,
        message.text().isEmpty() ? Optional.empty() : Optional.of(message.text().value()));
    setString(statement, first + 1, Optional.ofNullable(MessageParts.users(message.mentions())));
    setString(statement, first + 2, message.replyTo().map(MessageId::value));
    statement.setLong(first + 3, revision.change());
    setInstant(statement, first + 4, revision.editedAt());
    setInstant(statement, first + 5, revision.deletedAt());
    setString(
        statement, first + 6, Optional.ofNullable(MessageParts.reactions(revision.reactions())));
    setString(statement, first + 7, revision.pin().map(pin -> pin.by().value()));
    setInstant(statement, first + 8, revision.pin().map(Pin::at));
  }

  /** The message of a row read with {@link #COLUMNS} (columns by their place in it). */
  static Message message(ResultSet row) throws SQLException {
    String event = row.getString(8);
    String text = row.getString(9);
    String pinBy = row.getString(17);
    Optional<Pin> pin =
        pinBy == null
            ? Optional.empty()
            : Optional.of(new Pin(UserId.of(pinBy), Instant.ofEpochMilli(row.getLong(18))));
    Revision revision =
        new Revision(
            row.getLong(13),
            instant(row, 14),
            instant(row, 15),
            MessageParts.reactions(row.getString(16)),
            pin,
            hiddenFor(row.getString(19)));
    return new Message(
        MessageId.of(row.getString(ID)),
        ChatId.of(row.getString(CHAT)),
        row.getLong(SEQ),
        UserId.of(row.getString(5)),
        text == null ? MessageText.NONE : new MessageText(text),
        Instant.ofEpochMilli(row.getLong(CREATED_AT)),
        Optional.ofNullable(row.getString(7)).map(ClientMessageId::of),
        Optional.ofNullable(event).map(MessageParts::event),
        MessageParts.users(row.getString(10)),
        Optional.ofNullable(row.getString(11)).map(MessageId::of),
        row.getInt(12) == 1,
        revision);
  }

  private static Set<UserId> hiddenFor(String users) {
    return users == null
        ? Set.of()
        : Arrays.stream(users.split(" ")).map(UserId::of).collect(Collectors.toSet());
  }

  private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  private static void setString(PreparedStatement statement, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setString(index, value.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.get().toEpochMilli());
    } else {
      statement.setNull(index, Types.INTEGER);
    }
  }
}
