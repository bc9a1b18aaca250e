package io.chat.adapter.sqlite;

import static io.chat.adapter.sqlite.ChatTables.CHAT_COLUMNS;
import static io.chat.adapter.sqlite.ChatTables.CHAT_COLUMN_COUNT;
import static io.chat.adapter.sqlite.ChatTables.LAST_MESSAGE_COLUMNS;
import static io.chat.adapter.sqlite.ChatTables.MARK_COLUMNS;
import static io.chat.adapter.sqlite.ChatTables.WHOLE_CHAT;
import static io.chat.adapter.sqlite.ChatTables.WITH_MARKS;
import static io.chat.adapter.sqlite.ChatTables.parameters;

import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportState;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.message.Message;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The chats on the {@code chats} and {@code chat_members} tables ({@link ChatTables}). One chat per
 * key is the unique index's work: the pair (with the type) for a chat of two, the id for a group.
 * Every write runs on the one writer, so a read-modify-write inside one write is atomic. A send
 * ({@link #recordMessage}) is one upsert of the chat that answers its row, and for a chat of two
 * one upsert of both participants' rows that answers their marks: two statements by key, and not
 * one for a group's members.
 */
final class SqliteChatRepository implements ChatRepository {
  static final String FIND_BY_ID =
      "SELECT " + WHOLE_CHAT + " FROM chats c" + WITH_MARKS + " WHERE c.id = ?";
  static final String FIND_BY_PAIR =
      "SELECT "
          + WHOLE_CHAT
          + " FROM chats c"
          + WITH_MARKS
          + " WHERE c.first_user = ? AND c.second_user = ? AND c.type = ?";

  private static final String INSERT_CHAT =
      "INSERT INTO chats ("
          + CHAT_COLUMNS
          + ", "
          + LAST_MESSAGE_COLUMNS
          + ") VALUES ("
          + parameters(CHAT_COLUMNS)
          + ", "
          + parameters(LAST_MESSAGE_COLUMNS)
          + ")";

  /** Stores a chat unless one of its key (pair or id) is stored. */
  static final String CREATE = INSERT_CHAT + " ON CONFLICT DO NOTHING";

  /**
   * What a send does to a stored chat: the next seq, the message as the last one, the activity time
   * never backwards, and the status when one is given (the parameter after the VALUES; NULL keeps
   * it). Answers the chat's own fields after the step.
   */
  private static final String STEP =
      " DO UPDATE SET last_seq = last_seq + 1, updated_at = max(updated_at, excluded.last_at),"
          + " status = coalesce(?, status), ("
          + LAST_MESSAGE_COLUMNS
          + ") = ("
          + LAST_MESSAGE_COLUMNS.replaceAll("last_", "excluded.last_")
          + ") RETURNING "
          + CHAT_COLUMNS;

  /** A send into a chat of two: the chat after it as the VALUES when its pair has none. */
  static final String RECORD_IN_PAIR =
      INSERT_CHAT + " ON CONFLICT (first_user, second_user, type)" + STEP;

  /** A group's entry: the group after it as the VALUES when none has its id. */
  static final String RECORD_IN_GROUP = INSERT_CHAT + " ON CONFLICT (id)" + STEP;

  private static final String MEMBER_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Both participants' rows of a new chat of two. */
  static final String CREATE_MEMBERS =
      "INSERT INTO chat_members (user_id, chat_id, partner_id, type, active_at, "
          + MARK_COLUMNS
          + ") VALUES "
          + MEMBER_ROW
          + ", "
          + MEMBER_ROW;

  /**
   * A send into a chat of two: both participants' rows get the chat's activity time and the
   * recipient (the last parameter) one more unread; rows that are not there yet are inserted as the
   * VALUES say. Answers both participants' marks after the step.
   */
  static final String RECORD_MEMBERS =
      CREATE_MEMBERS
          + " ON CONFLICT (user_id, chat_id) DO UPDATE SET active_at = excluded.active_at,"
          + " unread = unread + (user_id = ?) RETURNING user_id, "
          + MARK_COLUMNS;

  static final String COMPARE_AND_SET_MEMBER =
      "UPDATE chat_members SET read_seq = ?, cleared_seq = ?, unread = ?, delivered_seq = ?,"
          + " archived_seq = ? WHERE user_id = ? AND chat_id = ? AND read_seq = ?"
          + " AND cleared_seq = ? AND unread = ? AND delivered_seq = ? AND archived_seq = ?"
          + " AND (SELECT last_seq FROM chats WHERE id = ?) = ?";

  /** A revised last message, while it is still the last one and what is stored is older. */
  static final String REVISE_LAST =
      "UPDATE chats SET last_change = max(last_change, ?), ("
          + LAST_MESSAGE_COLUMNS
          + ") = ("
          + parameters(LAST_MESSAGE_COLUMNS)
          + ") WHERE id = ? AND last_seq = ? AND last_id = ? AND last_revision < ?";

  static final String MOVE_CHANGE =
      "UPDATE chats SET last_change = ?1 WHERE id = ?2 AND last_change < ?1";
  static final String ADVANCE_DELIVERED =
      "UPDATE chat_members SET delivered_seq = ?1"
          + " WHERE user_id = ?2 AND chat_id = ?3 AND delivered_seq < ?1";
  static final String SET_ARCHIVED =
      "UPDATE chat_members SET archived_seq = ? WHERE user_id = ? AND chat_id = ?";
  static final String UPDATE_SUPPORT =
      "UPDATE chats SET status = ?, related_type = ?, related_ref = ?, assigned_admin = ?"
          + " WHERE id = ?";
  static final String UPDATE_GROUP =
      "UPDATE chats SET name = ?, description = ?, avatar_url = ?, only_admins_send = ?,"
          + " member_count = ? WHERE id = ?";

  /**
   * A page of a user's list: parameters user, cursor time, cursor id, the wanted types and the
   * excluded partners (each as " a b c ": no type and no user id holds a space), and the limit.
   *
   * <p>One statement, so one snapshot. Its two arms are merged in list order (MERGE of UNION ALL):
   * the chats of two come in that order from {@code chat_members_by_activity}, read backwards from
   * the cursor and only as far as the merge pulls them, so that their cost is the page's. The
   * groups come from the user's listed memberships ({@code memberships_listed}), each group's
   * activity time by its id ({@code chats_group_activity}), sorted in a temporary tree: a group's
   * activity is not copied to its members' rows, because a send would then write one row per member
   * (up to a thousand) instead of none. That sort is bounded by the groups the user lists, never by
   * the store, and holds only each group's time and id; the page's whole rows are read afterwards
   * by id, at most the limit. The page comes back in no particular order: {@link #listForUser}
   * sorts its few rows.
   */
  static final String LIST_FOR_USER =
      "WITH page (updated_at, id) AS ("
          + "SELECT active_at, chat_id FROM chat_members"
          + " WHERE user_id = ?1 AND (active_at, chat_id) < (?2, ?3)"
          + " AND instr(?4, ' ' || type || ' ') AND NOT instr(?5, ' ' || partner_id || ' ')"
          + " UNION ALL "
          + "SELECT g.updated_at, g.id FROM memberships m JOIN chats g ON g.id = m.chat_id"
          + " WHERE m.user_id = ?1 AND m.hidden = 0 AND instr(?4, ' group ')"
          + " AND g.type = 'group' AND g.last_seq > 0 AND (g.updated_at, g.id) < (?2, ?3)"
          + " ORDER BY 1 DESC, 2 DESC LIMIT ?6) SELECT "
          + WHOLE_CHAT
          + " FROM page JOIN chats c ON c.id = page.id"
          + WITH_MARKS;

  /** Support chats, latest activity first, strictly after (cursor time, cursor id). */
  static final String LIST_SUPPORT =
      "SELECT "
          + WHOLE_CHAT
          + " FROM chats c"
          + WITH_MARKS
          + " WHERE c.type = 'admin_support' AND (c.updated_at, c.id) < (?, ?)"
          + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?";

  /** As {@link #LIST_SUPPORT}, of one status (the first parameter). */
  static final String LIST_SUPPORT_BY_STATUS =
      "SELECT "
          + WHOLE_CHAT
          + " FROM chats c"
          + WITH_MARKS
          + " WHERE c.type = 'admin_support' AND c.status = ? AND (c.updated_at, c.id) < (?, ?)"
          + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?";

  static final String PARTNERS = "SELECT partner_id FROM chat_members WHERE user_id = ?";

  /** A position before every chat in list order. */
  private static final ChatCursor FIRST =
      new ChatCursor(Instant.ofEpochMilli(Long.MAX_VALUE), ChatId.of("0".repeat(24)));

  private final SqliteStore store;

  SqliteChatRepository(SqliteStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Optional<Chat>> findById(ChatId id) {
    return store.read(session -> findById(session, id));
  }

  @Override
  public CompletionStage<Optional<Chat>> findByPair(ChatType type, PairKey pair) {
    return store.read(session -> findByPair(session, type, pair));
  }

  @Override
  public CompletionStage<Chat> findOrCreate(Chat candidate) {
    return store.write(
        session -> {
          create(session, candidate);
          Optional<Chat> stored =
              candidate.isGroup()
                  ? findById(session, candidate.id())
                  : findByPair(session, candidate.type(), candidate.pair());
          return stored.orElseThrow(
              () -> new IllegalStateException("the chat's id is another chat's: " + candidate));
        });
  }

  /**
   * Stores a chat exactly as given (its marks, support and group fields and last message with its
   * revision), inside a write someone else opened: for the one-time import of a former store.
   */
  static void importChat(Session session, Chat chat) throws SQLException {
    if (!create(session, chat)) {
      throw new IllegalStateException("a chat of the same key is stored already: " + chat);
    }
  }

  /** Stores the chat and its participants' rows unless one of its key is stored. */
  private static boolean create(Session session, Chat chat) throws SQLException {
    PreparedStatement create = session.statement(CREATE);
    bindChat(create, chat);
    if (create.executeUpdate() == 0) {
      return false;
    }
    if (!chat.isGroup()) {
      PreparedStatement members = session.statement(CREATE_MEMBERS);
      Instant activeAt = chat.hasMessages() ? chat.updatedAt() : null;
      bindMembers(members, chat.id(), chat, chat.pair().first(), activeAt);
      members.executeUpdate();
    }
    return true;
  }

  @Override
  public CompletionStage<Chat> recordMessage(
      Chat ifAbsent, NewMessage message, Optional<SupportStatus> supportStatus) {
    return store.write(session -> record(session, ifAbsent, message, supportStatus));
  }

  /** {@link #recordMessage}'s statements, in a write someone opened (a send made one write). */
  static Chat record(
      Session session, Chat ifAbsent, NewMessage message, Optional<SupportStatus> supportStatus)
      throws SQLException {
    NewMessage stored = inMillis(message);
    Optional<SupportStatus> status =
        ifAbsent.isSupport()
            ? supportStatus.or(() -> ifAbsent.support().map(SupportState::status))
            : supportStatus;
    // The chat as it is stored when none of its key is; the domain checks sender and status.
    Chat created = ifAbsent.withMessage(stored.at(ifAbsent.id(), ifAbsent.lastSeq() + 1), status);
    PreparedStatement record =
        session.statement(created.isGroup() ? RECORD_IN_GROUP : RECORD_IN_PAIR);
    bindChat(record, created);
    ChatTables.set(
        record,
        CHAT_COLUMN_COUNT + ChatTables.LAST_MESSAGE_COLUMN_COUNT + 1,
        supportStatus.filter(s -> created.isSupport()).map(SupportStatus::wire));
    Chat chat;
    try (ResultSet row = record.executeQuery()) {
      row.next();
      ChatId id = ChatId.of(row.getString(1));
      chat = ChatTables.chat(row, Optional.of(stored.at(id, row.getLong(5))), Map.of());
    }
    return chat.isGroup() ? chat : recordMembers(session, chat, created, stored.sender());
  }

  /** The send's second statement, into a chat of two: the answer gets the marks it returns. */
  private static Chat recordMembers(Session session, Chat chat, Chat created, UserId sender)
      throws SQLException {
    PreparedStatement members = session.statement(RECORD_MEMBERS);
    // The stored chat's id (not the candidate's when the pair had a chat), the candidate's marks.
    bindMembers(members, chat.id(), created, sender, chat.updatedAt());
    members.setString(21, chat.otherThan(sender).value());
    Map<UserId, MemberState> marks = new HashMap<>();
    try (ResultSet rows = members.executeQuery()) {
      while (rows.next()) {
        ChatTables.member(rows, 2, UserId.of(rows.getString(1)), marks);
      }
    }
    Chat after = chat;
    for (Map.Entry<UserId, MemberState> member : marks.entrySet()) {
      after = after.withMember(member.getKey(), member.getValue());
    }
    return after;
  }

  @Override
  public CompletionStage<Boolean> compareAndSetMember(
      ChatId id, UserId member, long expectedLastSeq, MemberState expected, MemberState next) {
    return store.write(
        session -> {
          PreparedStatement update = session.statement(COMPARE_AND_SET_MEMBER);
          ChatTables.bindMarks(update, 1, next);
          update.setString(6, member.value());
          update.setString(7, id.value());
          ChatTables.bindMarks(update, 8, expected);
          update.setString(13, id.value());
          update.setLong(14, expectedLastSeq);
          return update.executeUpdate() == 1;
        });
  }

  /**
   * The revised last message in one update guarded on it being still the last one and newer than
   * the stored one; when that guard fails, the change number alone. Not activity.
   */
  @Override
  public CompletionStage<Void> recordRevision(
      ChatId id, long change, Optional<Message> revisedLast) {
    return store.write(
        session -> {
          if (revisedLast.isPresent()) {
            Message last = revisedLast.get();
            PreparedStatement revise = session.statement(REVISE_LAST);
            revise.setLong(1, change);
            ChatTables.bindLastMessage(revise, 2, revisedLast);
            int next = 2 + ChatTables.LAST_MESSAGE_COLUMN_COUNT;
            revise.setString(next, id.value());
            revise.setLong(next + 1, last.seq());
            revise.setString(next + 2, last.id().value());
            revise.setLong(next + 3, last.change());
            if (revise.executeUpdate() == 1) {
              return null;
            }
          }
          PreparedStatement move = session.statement(MOVE_CHANGE);
          move.setLong(1, change);
          move.setString(2, id.value());
          move.executeUpdate();
          return null;
        });
  }

  @Override
  public CompletionStage<Boolean> advanceDelivered(ChatId id, UserId member, long seq) {
    return updateMember(ADVANCE_DELIVERED, id, member, seq);
  }

  @Override
  public CompletionStage<Boolean> setArchived(ChatId id, UserId member, long seq) {
    return updateMember(SET_ARCHIVED, id, member, seq);
  }

  /** One update of a participant's row, parameters (mark, user, chat): whether it changed. */
  private CompletionStage<Boolean> updateMember(String sql, ChatId id, UserId member, long seq) {
    return store.write(
        session -> {
          PreparedStatement update = session.statement(sql);
          update.setLong(1, seq);
          update.setString(2, member.value());
          update.setString(3, id.value());
          return update.executeUpdate() == 1;
        });
  }

  /** The chat read, the change applied to its support fields, and those written back. */
  @Override
  public CompletionStage<Optional<Chat>> updateSupport(ChatId id, SupportChange change) {
    return store.write(
        session -> {
          Optional<Chat> found = findById(session, id).filter(Chat::isSupport);
          if (found.isEmpty() || change.isEmpty()) {
            return found;
          }
          SupportState next = change.applyTo(found.get().support().orElseThrow());
          PreparedStatement update = session.statement(UPDATE_SUPPORT);
          update.setString(1, next.status().wire());
          Optional<RelatedEntity> related = next.relatedEntity();
          ChatTables.set(update, 2, related.map(RelatedEntity::type));
          ChatTables.set(update, 3, related.flatMap(RelatedEntity::refId));
          ChatTables.set(update, 4, next.assignedAdminId().map(UserId::value));
          update.setString(5, id.value());
          update.executeUpdate();
          return Optional.of(found.get().withSupport(next));
        });
  }

  @Override
  public CompletionStage<Optional<Chat>> updateGroup(ChatId id, Group group) {
    return store.write(
        session -> {
          Optional<Chat> found = findById(session, id).filter(Chat::isGroup);
          if (found.isEmpty()) {
            return found;
          }
          PreparedStatement update = session.statement(UPDATE_GROUP);
          ChatTables.bindGroup(update, 1, Optional.of(group));
          update.setString(6, id.value());
          update.executeUpdate();
          return Optional.of(found.get().withGroup(group));
        });
  }

  @Override
  public CompletionStage<List<Chat>> listForUser(
      UserId user,
      Set<ChatType> types,
      Set<UserId> excludedPartners,
      Optional<ChatCursor> after,
      int limit) {
    if (limit <= 0 || types.isEmpty()) {
      return CompletableFuture.completedStage(List.of());
    }
    String wanted = spaced(types.stream().map(ChatType::wire).toList());
    String excluded = spaced(excludedPartners.stream().map(UserId::value).toList());
    ChatCursor from = after.orElse(FIRST);
    return store.read(
        session -> {
          List<Chat> page =
              chats(
                  session,
                  LIST_FOR_USER,
                  user.value(),
                  from.updatedAt().toEpochMilli(),
                  from.id().value(),
                  wanted,
                  excluded,
                  limit);
          page.sort(ChatCursor.ORDER);
          return page;
        });
  }

  /** {@code " a b c "}: the values, each between spaces, for {@code instr}. */
  private static String spaced(Collection<String> values) {
    return " " + String.join(" ", values) + " ";
  }

  @Override
  public CompletionStage<List<Chat>> listSupport(
      Optional<SupportStatus> status, Optional<ChatCursor> after, int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    ChatCursor from = after.orElse(FIRST);
    long time = from.updatedAt().toEpochMilli();
    String id = from.id().value();
    return store.read(
        session ->
            status.isPresent()
                ? chats(session, LIST_SUPPORT_BY_STATUS, status.get().wire(), time, id, limit)
                : chats(session, LIST_SUPPORT, time, id, limit));
  }

  @Override
  public CompletionStage<Set<UserId>> partnersOf(UserId user) {
    return store.read(
        session ->
            Set.copyOf(
                ChatTables.query(
                    session, PARTNERS, row -> UserId.of(row.getString(1)), user.value())));
  }

  static Optional<Chat> findById(Session session, ChatId id) throws SQLException {
    return chats(session, FIND_BY_ID, id.value()).stream().findFirst();
  }

  private static Optional<Chat> findByPair(Session session, ChatType type, PairKey pair)
      throws SQLException {
    return chats(session, FIND_BY_PAIR, pair.first().value(), pair.second().value(), type.wire())
        .stream()
        .findFirst();
  }

  private static List<Chat> chats(Session session, String query, Object... parameters)
      throws SQLException {
    return ChatTables.query(session, query, ChatTables::chat, parameters);
  }

  /** Binds a chat's row: its own fields, then its last message. */
  private static void bindChat(PreparedStatement statement, Chat chat) throws SQLException {
    ChatTables.bindChat(statement, 1, chat);
    ChatTables.bindLastMessage(statement, CHAT_COLUMN_COUNT + 1, chat.lastMessage());
  }

  /**
   * Binds both participants' rows of the chat {@code id} ({@link #MEMBER_ROW} twice): {@code
   * first}'s, then the other's, with their marks in {@code chat} and the activity time ({@code
   * null}: not listed yet).
   */
  private static void bindMembers(
      PreparedStatement statement, ChatId id, Chat chat, UserId first, Instant activeAt)
      throws SQLException {
    UserId second = chat.otherThan(first);
    bindMember(statement, 1, id, chat, first, second, activeAt);
    bindMember(statement, 11, id, chat, second, first, activeAt);
  }

  private static void bindMember(
      PreparedStatement statement,
      int i,
      ChatId id,
      Chat chat,
      UserId user,
      UserId partner,
      Instant activeAt)
      throws SQLException {
    statement.setString(i, user.value());
    statement.setString(i + 1, id.value());
    statement.setString(i + 2, partner.value());
    statement.setString(i + 3, chat.type().wire());
    ChatTables.set(statement, i + 4, Optional.ofNullable(activeAt).map(Instant::toEpochMilli));
    ChatTables.bindMarks(statement, i + 5, chat.member(user));
  }

  /** The message with its time cut to the milliseconds the store keeps, so answers match reads. */
  private static NewMessage inMillis(NewMessage message) {
    Instant at = millis(message.createdAt());
    return at.equals(message.createdAt())
        ? message
        : new NewMessage(
            message.id(),
            message.sender(),
            message.text(),
            at,
            message.clientMessageId(),
            message.system(),
            message.mentions(),
            message.replyTo(),
            message.forwarded());
  }

  private static Instant millis(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }
}
