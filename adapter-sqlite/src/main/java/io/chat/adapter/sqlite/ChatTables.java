package io.chat.adapter.sqlite;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportState;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.group.GroupProfile;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.message.Revision;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables and indexes of chats and group memberships (part of schema migration 2), and how a row
 * maps to its domain value.
 *
 * <p>{@code chats} holds one row per chat: its key, counters, times, support and group fields and
 * its last message (every field of it, revision included, so that a list shows an edit or a
 * deletion without reading the messages). {@code chat_members} holds one row per participant of a
 * chat of two: their marks, and the chat's activity time once it has a message, so that a user's
 * chat list is a range of one index. A group's members are {@code memberships}, which a send never
 * writes.
 */
final class ChatTables {
  static final List<String> STATEMENTS =
      List.of(
          // A rowid table: rows carry the last message's text, too big for WITHOUT ROWID. A chat of
          // two has its pair in first_user < second_user; a group has none (NULLs never conflict in
          // a unique index, so groups are one per id only). Times are epoch milliseconds.
          """
          CREATE TABLE chats (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            first_user TEXT,
            second_user TEXT,
            last_seq INTEGER NOT NULL,
            last_change INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            status TEXT,
            related_type TEXT,
            related_ref TEXT,
            assigned_admin TEXT,
            name TEXT,
            description TEXT,
            avatar_url TEXT,
            only_admins_send INTEGER,
            member_count INTEGER,
            last_id TEXT,
            last_sender TEXT,
            last_text TEXT,
            last_at INTEGER,
            last_client_id TEXT,
            last_event TEXT,
            last_mentions TEXT,
            last_reply_to TEXT,
            last_forwarded INTEGER,
            last_revision INTEGER,
            last_edited_at INTEGER,
            last_deleted_at INTEGER,
            last_reactions TEXT,
            last_pin_by TEXT,
            last_pin_at INTEGER,
            last_hidden_for TEXT
          )""",
          // One chat per type and pair. The type comes last so that no query on the type alone
          // takes this index for the support list's.
          "CREATE UNIQUE INDEX chats_by_pair ON chats (first_user, second_user, type)",
          // The support desk's lists, latest activity first; partial, so that a send into any
          // other chat writes neither.
          "CREATE INDEX chats_support ON chats (updated_at, id) WHERE type = 'admin_support'",
          "CREATE INDEX chats_support_by_status ON chats (status, updated_at, id)"
              + " WHERE type = 'admin_support'",
          // A group's activity time (and whether it has an entry) by its id, from a small index
          // instead of the group's row: a user's list looks up each of their listed groups. Only
          // a group's send writes it.
          "CREATE INDEX chats_group_activity ON chats (id, updated_at, last_seq)"
              + " WHERE type = 'group'",
          // One row per participant of a chat of two. active_at is the chat's updatedAt, written in
          // the same write as the chat's, once the chat has a message (NULL before: not listed).
          """
          CREATE TABLE chat_members (
            user_id TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            partner_id TEXT NOT NULL,
            type TEXT NOT NULL,
            active_at INTEGER,
            read_seq INTEGER NOT NULL,
            cleared_seq INTEGER NOT NULL,
            unread INTEGER NOT NULL,
            delivered_seq INTEGER NOT NULL,
            archived_seq INTEGER NOT NULL,
            PRIMARY KEY (user_id, chat_id)
          ) WITHOUT ROWID""",
          // A user's chats of two, latest activity first: their list is a range of this index,
          // read backwards from the cursor, whatever the size of the store.
          "CREATE INDEX chat_members_by_activity ON chat_members (user_id, active_at, chat_id)",
          // One row per group and user, current or former (left_seq 0: current).
          """
          CREATE TABLE memberships (
            chat_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            role TEXT NOT NULL,
            joined_seq INTEGER NOT NULL,
            left_seq INTEGER NOT NULL,
            read_seq INTEGER NOT NULL,
            cleared_seq INTEGER NOT NULL,
            joined_at INTEGER NOT NULL,
            hidden INTEGER NOT NULL,
            delivered_seq INTEGER NOT NULL,
            archived_seq INTEGER NOT NULL,
            PRIMARY KEY (chat_id, user_id)
          ) WITHOUT ROWID""",
          // How many current members a group has, read from the index alone.
          "CREATE INDEX memberships_current ON memberships (chat_id, user_id) WHERE left_seq = 0",
          // The groups a user lists: those they are in or left without hiding them.
          "CREATE INDEX memberships_listed ON memberships (user_id, chat_id) WHERE hidden = 0",
          // Who received or read a group's messages from a seq on: what is read is delivered too.
          "CREATE INDEX memberships_reach ON memberships (chat_id, max(read_seq, delivered_seq))");

  /** The columns of a chat's own fields, in the order {@link #chat} reads them. */
  static final String CHAT_COLUMNS =
      "id, type, first_user, second_user, last_seq, last_change, created_at, updated_at, status,"
          + " related_type, related_ref, assigned_admin, name, description, avatar_url,"
          + " only_admins_send, member_count";

  static final int CHAT_COLUMN_COUNT = 17;

  /** The columns of the last message, in the order {@link #lastMessage} reads them. */
  static final String LAST_MESSAGE_COLUMNS =
      "last_id, last_sender, last_text, last_at, last_client_id, last_event, last_mentions,"
          + " last_reply_to, last_forwarded, last_revision, last_edited_at, last_deleted_at,"
          + " last_reactions, last_pin_by, last_pin_at, last_hidden_for";

  static final int LAST_MESSAGE_COLUMN_COUNT = 16;

  /** A participant's marks, in the order {@link #member} reads them. */
  static final String MARK_COLUMNS = "read_seq, cleared_seq, unread, delivered_seq, archived_seq";

  static final int MARK_COLUMN_COUNT = 5;

  /** A membership's fields other than its key (group, user). */
  static final String MEMBERSHIP_FIELDS =
      "role, joined_seq, left_seq, read_seq, cleared_seq, joined_at, hidden, delivered_seq,"
          + " archived_seq";

  /** A membership's columns, in the order {@link #membership} reads them. */
  static final String MEMBERSHIP_COLUMNS = "chat_id, user_id, " + MEMBERSHIP_FIELDS;

  /**
   * The columns of a whole chat ({@code c}: its row, {@code a} and {@code b}: its participants'
   * marks, joined by {@link #WITH_MARKS}), in the order {@link #chat(ResultSet)} reads them.
   */
  static final String WHOLE_CHAT =
      prefixed("c", CHAT_COLUMNS)
          + ", "
          + prefixed("c", LAST_MESSAGE_COLUMNS)
          + ", "
          + prefixed("a", MARK_COLUMNS)
          + ", "
          + prefixed("b", MARK_COLUMNS);

  /**
   * Both participants' marks of the chat {@code c}, by key (none for a group: its pair is NULL).
   */
  static final String WITH_MARKS =
      " LEFT JOIN chat_members a ON a.user_id = c.first_user AND a.chat_id = c.id"
          + " LEFT JOIN chat_members b ON b.user_id = c.second_user AND b.chat_id = c.id";

  private ChatTables() {}

  private static String prefixed(String table, String columns) {
    return Arrays.stream(columns.split(", "))
        .map(column -> table + '.' + column.strip())
        .collect(Collectors.joining(", "));
  }

  /** {@code ?, ?, ...}: as many parameters as {@code columns} has. */
  static String parameters(String columns) {
    return String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
  }

  // ---- writing a chat

  /** Binds a chat's own fields ({@link #CHAT_COLUMNS}) from parameter {@code first} on. */
  static void bindChat(PreparedStatement statement, int first, Chat chat) throws SQLException {
    int i = first;
    statement.setString(i++, chat.id().value());
    statement.setString(i++, chat.type().wire());
    Optional<PairKey> pair = chat.isGroup() ? Optional.empty() : Optional.of(chat.pair());
    set(statement, i++, pair.map(p -> p.first().value()));
    set(statement, i++, pair.map(p -> p.second().value()));
    statement.setLong(i++, chat.lastSeq());
    statement.setLong(i++, chat.lastChange());
    statement.setLong(i++, chat.createdAt().toEpochMilli());
    statement.setLong(i++, chat.updatedAt().toEpochMilli());
    Optional<SupportState> support = chat.support();
    set(statement, i++, support.map(s -> s.status().wire()));
    Optional<RelatedEntity> related = support.flatMap(SupportState::relatedEntity);
    set(statement, i++, related.map(RelatedEntity::type));
    set(statement, i++, related.flatMap(RelatedEntity::refId));
    set(statement, i++, support.flatMap(SupportState::assignedAdminId).map(UserId::value));
    bindGroup(statement, i, chat.group());
  }

  /** Binds a group's fields (name ... member_count: 5 columns) from parameter {@code first} on. */
  static void bindGroup(PreparedStatement statement, int first, Optional<Group> group)
      throws SQLException {
    int i = first;
    Optional<GroupProfile> profile = group.map(Group::profile);
    set(statement, i++, profile.map(GroupProfile::name));
    set(statement, i++, profile.flatMap(GroupProfile::description));
    set(statement, i++, profile.flatMap(GroupProfile::avatarUrl));
    set(statement, i++, group.map(g -> g.onlyAdminsSend() ? 1L : 0L));
    set(statement, i, group.map(g -> (long) g.memberCount()));
  }

  /**
   * Binds a last message ({@link #LAST_MESSAGE_COLUMNS}; all NULL for none) from parameter {@code
   * first} on. Its chat and seq are the row's.
   */
  static void bindLastMessage(PreparedStatement statement, int first, Optional<Message> last)
      throws SQLException {
    int i = first;
    set(statement, i++, last.map(m -> m.id().value()));
    set(statement, i++, last.map(m -> m.sender().value()));
    set(statement, i++, last.map(m -> m.text().value()));
    set(statement, i++, last.map(m -> m.createdAt().toEpochMilli()));
    set(statement, i++, last.flatMap(Message::clientMessageId).map(ClientMessageId::value));
    set(statement, i++, last.flatMap(Message::system).map(MessageParts::event));
    set(statement, i++, last.map(m -> MessageParts.users(m.mentions())));
    set(statement, i++, last.flatMap(Message::replyTo).map(MessageId::value));
    set(statement, i++, last.map(m -> m.forwarded() ? 1L : 0L));
    Optional<Revision> revision = last.map(Message::revision);
    set(statement, i++, revision.map(Revision::change));
    set(statement, i++, revision.flatMap(Revision::editedAt).map(Instant::toEpochMilli));
    set(statement, i++, revision.flatMap(Revision::deletedAt).map(Instant::toEpochMilli));
    set(statement, i++, revision.map(r -> MessageParts.reactions(r.reactions())));
    Optional<Pin> pin = revision.flatMap(Revision::pin);
    set(statement, i++, pin.map(p -> p.by().value()));
    set(statement, i++, pin.map(p -> p.at().toEpochMilli()));
    set(
        statement,
        i,
        revision.map(r -> MessageParts.users(r.hiddenFor().stream().sorted().toList())));
  }

  /** Binds a participant's marks ({@link #MARK_COLUMNS}) from parameter {@code first} on. */
  static void bindMarks(PreparedStatement statement, int first, MemberState marks)
      throws SQLException {
    statement.setLong(first, marks.readSeq());
    statement.setLong(first + 1, marks.clearedSeq());
    statement.setLong(first + 2, marks.unread());
    statement.setLong(first + 3, marks.deliveredSeq());
    statement.setLong(first + 4, marks.archivedSeq());
  }

  /** What one row of a query stands for. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** What a query of fixed text answers, given its parameters in order, one value per row. */
  static <T> List<T> query(Session session, String query, RowReader<T> reader, Object... parameters)
      throws SQLException {
    PreparedStatement statement = session.statement(query);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    List<T> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(reader.read(rows));
      }
    }
    return values;
  }

  /** Binds the value, or NULL for none. */
  static void set(PreparedStatement statement, int index, Optional<?> value) throws SQLException {
    statement.setObject(index, value.orElse(null));
  }

  // ---- reading a chat

  /** A whole chat from a row whose columns are {@link #WHOLE_CHAT}. */
  static Chat chat(ResultSet row) throws SQLException {
    ChatId id = ChatId.of(row.getString(1));
    Optional<PairKey> pair = pair(row);
    Map<UserId, MemberState> members = new HashMap<>();
    if (pair.isPresent()) {
      int marks = CHAT_COLUMN_COUNT + LAST_MESSAGE_COLUMN_COUNT + 1;
      member(row, marks, pair.get().first(), members);
      member(row, marks + MARK_COLUMN_COUNT, pair.get().second(), members);
    }
    Optional<Message> last = lastMessage(row, CHAT_COLUMN_COUNT + 1, id, row.getLong(5));
    return chat(row, id, pair, last, members);
  }

  /** A chat from its own fields ({@link #CHAT_COLUMNS} from column 1 on) and the rest as given. */
  static Chat chat(ResultSet row, Optional<Message> lastMessage, Map<UserId, MemberState> members)
      throws SQLException {
    return chat(row, ChatId.of(row.getString(1)), pair(row), lastMessage, members);
  }

  private static Optional<PairKey> pair(ResultSet row) throws SQLException {
    String first = row.getString(3);
    return first == null
        ? Optional.empty()
        : Optional.of(new PairKey(UserId.of(first), UserId.of(row.getString(4))));
  }

  private static Chat chat(
      ResultSet row,
      ChatId id,
      Optional<PairKey> pair,
      Optional<Message> lastMessage,
      Map<UserId, MemberState> members)
      throws SQLException {
    ChatType type = ChatType.fromWire(row.getString(2));
    long lastSeq = row.getLong(5);
    long lastChange = row.getLong(6);
    Instant createdAt = Instant.ofEpochMilli(row.getLong(7));
    Instant updatedAt = Instant.ofEpochMilli(row.getLong(8));
    if (pair.isEmpty()) {
      Group group =
          new Group(
              new GroupProfile(
                  row.getString(13),
                  Optional.ofNullable(row.getString(14)),
                  Optional.ofNullable(row.getString(15))),
              row.getLong(16) != 0,
              row.getInt(17));
      return Chat.restoreGroup(id, lastSeq, lastMessage, group, createdAt, updatedAt)
          .withLastChange(lastChange);
    }
    Optional<SupportState> support = Optional.empty();
    if (type == ChatType.ADMIN_SUPPORT) {
      String relatedType = row.getString(10);
      support =
          Optional.of(
              new SupportState(
                  SupportStatus.fromWire(row.getString(9)),
                  relatedType == null
                      ? Optional.empty()
                      : Optional.of(
                          new RelatedEntity(relatedType, Optional.ofNullable(row.getString(11)))),
                  Optional.ofNullable(row.getString(12)).map(UserId::of)));
    }
    return Chat.restore(
            id, type, pair.get(), lastSeq, lastMessage, members, support, createdAt, updatedAt)
        .withLastChange(lastChange);
  }

  /**
   * The last message from {@link #LAST_MESSAGE_COLUMNS} at column {@code first}; empty when the
   * chat has none.
   */
  static Optional<Message> lastMessage(ResultSet row, int first, ChatId chat, long seq)
      throws SQLException {
    int i = first;
    String id = row.getString(i++);
    if (id == null) {
      return Optional.empty();
    }
    UserId sender = UserId.of(row.getString(i++));
    MessageText text = new MessageText(row.getString(i++));
    Instant at = Instant.ofEpochMilli(row.getLong(i++));
    Optional<ClientMessageId> clientId =
        Optional.ofNullable(row.getString(i++)).map(ClientMessageId::of);
    Optional<SystemEvent> event = Optional.ofNullable(row.getString(i++)).map(MessageParts::event);
    List<UserId> mentions = MessageParts.users(row.getString(i++));
    Optional<MessageId> replyTo = Optional.ofNullable(row.getString(i++)).map(MessageId::of);
    boolean forwarded = row.getLong(i++) != 0;
    long change = row.getLong(i++);
    Optional<Instant> editedAt = instant(row, i++);
    Optional<Instant> deletedAt = instant(row, i++);
    List<Reaction> reactions = MessageParts.reactions(row.getString(i++));
    String pinBy = row.getString(i++);
    Optional<Instant> pinAt = instant(row, i++);
    Optional<Pin> pin =
        pinBy == null ? Optional.empty() : Optional.of(new Pin(UserId.of(pinBy), pinAt.get()));
    Set<UserId> hiddenFor = Set.copyOf(MessageParts.users(row.getString(i)));
    return Optional.of(
        new Message(
            MessageId.of(id),
            chat,
            seq,
            sender,
            text,
            at,
            clientId,
            event,
            mentions,
            replyTo,
            forwarded,
            new Revision(change, editedAt, deletedAt, reactions, pin, hiddenFor)));
  }

  /**
   * A participant's marks ({@link #MARK_COLUMNS} at column {@code first}) into {@code members};
   * none (NULL: no row) or all zero (one who never acted) leave no entry, so that a chat reads the
   * same whether a store keeps zeros or nothing.
   */
  static void member(ResultSet row, int first, UserId user, Map<UserId, MemberState> members)
      throws SQLException {
    MemberState marks =
        new MemberState(
            row.getLong(first),
            row.getLong(first + 1),
            row.getLong(first + 2),
            row.getLong(first + 3),
            row.getLong(first + 4));
    if (!marks.equals(MemberState.NEW)) {
      members.put(user, marks);
    }
  }

  private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  // ---- memberships

  /** Binds a membership ({@link #MEMBERSHIP_COLUMNS}) from parameter 1 on. */
  static void bindMembership(PreparedStatement statement, Membership membership)
      throws SQLException {
    statement.setString(1, membership.chatId().value());
    statement.setString(2, membership.user().value());
    statement.setString(3, membership.role().wire());
    statement.setLong(4, membership.joinedSeq());
    statement.setLong(5, membership.leftSeq());
    statement.setLong(6, membership.readSeq());
    statement.setLong(7, membership.clearedSeq());
    statement.setLong(8, membership.joinedAt().toEpochMilli());
    statement.setInt(9, membership.hidden() ? 1 : 0);
    statement.setLong(10, membership.deliveredSeq());
    statement.setLong(11, membership.archivedSeq());
  }

  /** A membership from a row of {@link #MEMBERSHIP_COLUMNS}. */
  static Membership membership(ResultSet row) throws SQLException {
    return new Membership(
        ChatId.of(row.getString(1)),
        UserId.of(row.getString(2)),
        GroupRole.fromWire(row.getString(3)),
        row.getLong(4),
        row.getLong(5),
        row.getLong(6),
        row.getLong(7),
        Instant.ofEpochMilli(row.getLong(8)),
        row.getInt(9) != 0,
        row.getLong(10),
        row.getLong(11));
  }
}
