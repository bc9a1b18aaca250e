package io.chat.adapter.mongo;

import io.chat.domain.call.CallEntry;
import io.chat.domain.call.CallId;
import io.chat.domain.call.CallOutcome;
import io.chat.domain.call.CallType;
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
import io.chat.domain.message.NewMessage;
import io.chat.domain.message.Pin;
import io.chat.domain.message.Reaction;
import io.chat.domain.message.Revision;
import io.chat.domain.message.SearchTerms;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Field names and the mapping between stored documents and domain values. Times are stored as BSON
 * dates, so at millisecond precision. A member field or counter that is absent reads as 0, and
 * every field a message gained after the first release (its quote, its revision, its search words)
 * is left out while it has its default value, and reads as that default when absent.
 */
final class Codec {
  static final String ID = "_id";

  // chats
  static final String TYPE = "type";
  static final String PAIR_KEY = "pairKey";
  static final String PARTICIPANTS = "participants";
  static final String LAST_SEQ = "lastSeq";
  static final String LAST_MESSAGE = "lastMessage";
  static final String MEMBERS = "members";
  static final String READ_SEQ = "readSeq";
  static final String CLEARED_SEQ = "clearedSeq";
  static final String UNREAD = "unread";

  /** A member's delivered mark (absent: 0; what is read counts as delivered whatever it says). */
  static final String DELIVERED_SEQ = "deliveredSeq";

  /** The seq at which a member archived the chat (absent: 0, not archived). */
  static final String ARCHIVED_SEQ = "archivedSeq";

  static final String STATUS = "status";
  static final String RELATED_ENTITY = "relatedEntity";
  static final String ASSIGNED_ADMIN = "assignedAdminId";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";

  /** The chat's latest change number (absent: 0, a chat none of whose messages was revised). */
  static final String LAST_CHANGE = "lastChange";

  // group chats (which have no participants and no members: see memberships)
  static final String NAME = "name";
  static final String DESCRIPTION = "description";
  static final String AVATAR_URL = "avatarUrl";
  static final String ONLY_ADMINS_SEND = "onlyAdminsSend";
  static final String MEMBER_COUNT = "memberCount";

  // messages (and the embedded last message, which has no chat or seq of its own)
  static final String MESSAGE_ID = "mid";
  static final String CHAT_ID = "chatId";
  static final String SEQ = "seq";
  static final String SENDER = "sender";
  static final String TEXT = "text";
  static final String CLIENT_MESSAGE_ID = "clientMessageId";
  static final String IDEMPOTENCY_KEY = "ik";

  /** {@code "system"} for a system entry; absent for a text message (and every older document). */
  static final String KIND = "kind";

  static final String SYSTEM_KIND = "system";
  static final String CALL = "call";
  static final String CALL_ID = "callId";
  static final String CALL_TYPE = "callType";
  static final String CALL_OUTCOME = "outcome";
  static final String CALL_DURATION = "durationSeconds";
  static final String EVENT = "event";
  static final String ACTOR = "actorId";
  static final String SUBJECTS = "subjectIds";
  static final String ROLE = "role";
  static final String CHANGED = "changed";
  static final String MENTIONS = "mentions";

  // a message's quote and origin, and its revision (each absent while it has its default)
  static final String REPLY_TO = "replyTo";
  static final String FORWARDED = "forwarded";
  static final String CHANGE = "change";
  static final String EDITED_AT = "editedAt";
  static final String DELETED_AT = "deletedAt";

  /** The counts per emoji, in the order each emoji first came: {@code [{e, n}]}. */
  static final String REACTIONS = "reactions";

  static final String EMOJI = "e";
  static final String COUNT = "n";

  /** {@code {by, at}}. */
  static final String PIN = "pin";

  static final String PIN_BY = "by";
  static final String PIN_AT = "at";
  static final String HIDDEN_FOR = "hiddenFor";

  /**
   * The search words of a live text message ({@link SearchTerms#words}); absent on a system entry,
   * a tombstone, a text without words, and every message stored before search.
   */
  static final String WORDS = "w";

  /**
   * What {@code MessageRepository.revise} replaces: every field a revision may set or clear. The
   * place, sender, time, client id, kind and origin of a message never change.
   */
  static final List<String> REVISED_FIELDS =
      List.of(
          TEXT,
          MENTIONS,
          REPLY_TO,
          WORDS,
          CHANGE,
          EDITED_AT,
          DELETED_AT,
          REACTIONS,
          PIN,
          HIDDEN_FOR);

  // memberships (CHAT_ID, READ_SEQ, CLEARED_SEQ and ROLE as above)
  static final String USER_ID = "userId";
  static final String JOINED_SEQ = "joinedSeq";
  static final String LEFT_SEQ = "leftSeq";
  static final String JOINED_AT = "joinedAt";
  static final String HIDDEN = "hidden";

  private Codec() {}

  /**
   * A message's {@code _id}: its place, so that a page of history is a lookup of exact {@code
   * _id}s, which every store answers from its primary index.
   */
  static String messageKey(ChatId chat, long seq) {
    return chat.value() + ':' + seq;
  }

  /**
   * The idempotency key of a message, present only when the client gave an id. Chat ids are hex and
   * user ids have no colon, so the first two colons delimit it unambiguously.
   */
  static String idempotencyKey(ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    return chat.value() + ':' + sender.value() + ':' + clientMessageId.value();
  }

  static String memberPath(UserId member, String field) {
    return MEMBERS + '.' + member.value() + '.' + field;
  }

  static Date date(Instant instant) {
    return new Date(instant.toEpochMilli());
  }

  static Instant instant(Document document, String field) {
    return document.getDate(field).toInstant();
  }

  static long number(Document document, String field) {
    Object value = document.get(field);
    return value == null ? 0 : ((Number) value).longValue();
  }

  static Document messageDocument(Message message) {
    Document document =
        new Document(ID, messageKey(message.chatId(), message.seq()))
            .append(MESSAGE_ID, message.id().value())
            .append(CHAT_ID, message.chatId().value())
            .append(SEQ, message.seq())
            .append(SENDER, message.sender().value())
            .append(CREATED_AT, date(message.createdAt()));
    appendEntry(document, message);
    message
        .clientMessageId()
        .ifPresent(
            cid ->
                document
                    .append(CLIENT_MESSAGE_ID, cid.value())
                    .append(
                        IDEMPOTENCY_KEY, idempotencyKey(message.chatId(), message.sender(), cid)));
    if (!message.isSystem() && !message.isDeleted()) {
      List<String> words = SearchTerms.words(message.text().value());
      if (!words.isEmpty()) {
        document.append(WORDS, words);
      }
    }
    return document;
  }

  static Message message(Document document) {
    return entry(document, ChatId.of(document.getString(CHAT_ID)), number(document, SEQ));
  }

  /** A stored message, or the last message embedded in a chat, at {@code seq} of {@code chat}. */
  private static Message entry(Document document, ChatId chat, long seq) {
    Optional<SystemEvent> system = systemEvent(document);
    String text = document.getString(TEXT);
    return new Message(
        MessageId.of(document.getString(MESSAGE_ID)),
        chat,
        seq,
        UserId.of(document.getString(SENDER)),
        system.isPresent() || text == null ? MessageText.NONE : new MessageText(text),
        instant(document, CREATED_AT),
        Optional.ofNullable(document.getString(CLIENT_MESSAGE_ID)).map(ClientMessageId::of),
        system,
        userIds(document, MENTIONS),
        Optional.ofNullable(document.getString(REPLY_TO)).map(MessageId::of),
        Boolean.TRUE.equals(document.getBoolean(FORWARDED)),
        revision(document));
  }

  /**
   * A text message keeps its text (and its mentions when it has any); a system entry has {@code
   * kind: "system"} and its event instead of a text; a tombstone has neither text nor mentions.
   * Then the quote, the origin and the revision, each only when it is not the default.
   */
  private static void appendEntry(Document document, Message message) {
    appendEntry(
        document,
        message.text(),
        message.system(),
        message.mentions(),
        message.replyTo(),
        message.forwarded());
    appendRevision(document, message.revision());
  }

  private static void appendEntry(
      Document document,
      MessageText text,
      Optional<SystemEvent> system,
      List<UserId> mentions,
      Optional<MessageId> replyTo,
      boolean forwarded) {
    system.ifPresentOrElse(
        event -> document.append(KIND, SYSTEM_KIND).append(EVENT, eventDocument(event)),
        () -> {
          if (!text.isEmpty()) {
            document.append(TEXT, text.value());
          }
        });
    if (!mentions.isEmpty()) {
      document.append(MENTIONS, values(mentions));
    }
    replyTo.ifPresent(id -> document.append(REPLY_TO, id.value()));
    if (forwarded) {
      document.append(FORWARDED, true);
    }
  }

  private static void appendRevision(Document document, Revision revision) {
    if (revision.change() > 0) {
      document.append(CHANGE, revision.change());
    }
    revision.editedAt().ifPresent(at -> document.append(EDITED_AT, date(at)));
    revision.deletedAt().ifPresent(at -> document.append(DELETED_AT, date(at)));
    if (!revision.reactions().isEmpty()) {
      List<Document> reactions = new ArrayList<>(revision.reactions().size());
      revision
          .reactions()
          .forEach(r -> reactions.add(new Document(EMOJI, r.emoji()).append(COUNT, r.count())));
      document.append(REACTIONS, reactions);
    }
    revision
        .pin()
        .ifPresent(
            pin ->
                document.append(
                    PIN, new Document(PIN_BY, pin.by().value()).append(PIN_AT, date(pin.at()))));
    if (!revision.hiddenFor().isEmpty()) {
      document.append(
          HIDDEN_FOR, revision.hiddenFor().stream().map(UserId::value).sorted().toList());
    }
  }

  /** A message's revision; {@link Revision#NONE} for one never revised (and all older data). */
  private static Revision revision(Document document) {
    List<Reaction> reactions = new ArrayList<>();
    List<Document> stored = document.getList(REACTIONS, Document.class);
    if (stored != null) {
      stored.forEach(r -> reactions.add(new Reaction(r.getString(EMOJI), number(r, COUNT))));
    }
    Optional<Pin> pin =
        Optional.ofNullable(document.get(PIN, Document.class))
            .map(p -> new Pin(UserId.of(p.getString(PIN_BY)), instant(p, PIN_AT)));
    return new Revision(
        number(document, CHANGE),
        optionalInstant(document, EDITED_AT),
        optionalInstant(document, DELETED_AT),
        reactions,
        pin,
        Set.copyOf(userIds(document, HIDDEN_FOR)));
  }

  private static Optional<Instant> optionalInstant(Document document, String field) {
    return Optional.ofNullable(document.getDate(field)).map(Date::toInstant);
  }

  static Document eventDocument(SystemEvent event) {
    Document document =
        new Document(TYPE, event.type().wire())
            .append(ACTOR, event.actor().value())
            .append(SUBJECTS, values(event.subjects()));
    event.role().ifPresent(role -> document.append(ROLE, role.wire()));
    event.name().ifPresent(name -> document.append(NAME, name));
    if (!event.changed().isEmpty()) {
      document.append(CHANGED, event.changed());
    }
    // A call's log: its caller is the actor, its callee the one subject.
    event
        .call()
        .ifPresent(
            call ->
                document.append(
                    CALL,
                    new Document(CALL_ID, call.callId().value())
                        .append(CALL_TYPE, call.callType().wire())
                        .append(CALL_OUTCOME, call.outcome().wire())
                        .append(CALL_DURATION, call.durationSeconds())));
    return document;
  }

  private static Optional<SystemEvent> systemEvent(Document document) {
    if (!SYSTEM_KIND.equals(document.getString(KIND))) {
      return Optional.empty();
    }
    Document event = document.get(EVENT, Document.class);
    List<String> changed = event.getList(CHANGED, String.class);
    UserId actor = UserId.of(event.getString(ACTOR));
    List<UserId> subjects = userIds(event, SUBJECTS);
    Optional<CallEntry> call =
        Optional.ofNullable(event.get(CALL, Document.class))
            .map(
                c ->
                    new CallEntry(
                        CallId.of(c.getString(CALL_ID)),
                        CallType.fromWire(c.getString(CALL_TYPE)),
                        CallOutcome.fromWire(c.getString(CALL_OUTCOME)),
                        number(c, CALL_DURATION),
                        actor,
                        subjects.get(0)));
    return Optional.of(
        new SystemEvent(
            SystemEvent.Type.fromWire(event.getString(TYPE)),
            actor,
            subjects,
            Optional.ofNullable(event.getString(ROLE)).map(GroupRole::fromWire),
            Optional.ofNullable(event.getString(NAME)),
            changed == null ? List.of() : changed,
            call));
  }

  private static List<String> values(List<UserId> users) {
    List<String> values = new ArrayList<>(users.size());
    users.forEach(user -> values.add(user.value()));
    return values;
  }

  private static List<UserId> userIds(Document document, String field) {
    List<String> values = document.getList(field, String.class);
    return values == null ? List.of() : values.stream().map(UserId::of).toList();
  }

  /**
   * The last message as embedded in its chat, with its revision (so that a list shows an edit or a
   * deletion) but without search words: its chat is the chat, its seq the chat's lastSeq.
   */
  static Document lastMessageDocument(Message message) {
    Document document =
        new Document(MESSAGE_ID, message.id().value())
            .append(SENDER, message.sender().value())
            .append(CREATED_AT, date(message.createdAt()));
    appendEntry(document, message);
    message.clientMessageId().ifPresent(cid -> document.append(CLIENT_MESSAGE_ID, cid.value()));
    return document;
  }

  /** A new last message, never revised yet. */
  static Document lastMessageDocument(NewMessage message) {
    Document document =
        new Document(MESSAGE_ID, message.id().value())
            .append(SENDER, message.sender().value())
            .append(CREATED_AT, date(message.createdAt()));
    appendEntry(
        document,
        message.text(),
        message.system(),
        message.mentions(),
        message.replyTo(),
        message.forwarded());
    message.clientMessageId().ifPresent(cid -> document.append(CLIENT_MESSAGE_ID, cid.value()));
    return document;
  }

  /** A participant's marks; the delivered and archive marks only when set. */
  static Document memberDocument(MemberState state) {
    Document document =
        new Document(READ_SEQ, state.readSeq())
            .append(CLEARED_SEQ, state.clearedSeq())
            .append(UNREAD, state.unread());
    if (state.deliveredSeq() > 0) {
      document.append(DELIVERED_SEQ, state.deliveredSeq());
    }
    if (state.archivedSeq() > 0) {
      document.append(ARCHIVED_SEQ, state.archivedSeq());
    }
    return document;
  }

  static Document relatedEntityDocument(RelatedEntity entity) {
    Document document = new Document(TYPE, entity.type());
    entity.refId().ifPresent(ref -> document.append("refId", ref));
    return document;
  }

  /** The whole document of a chat, as {@code findOrCreate} stores a new one. */
  static Document chatDocument(Chat chat) {
    if (chat.isGroup()) {
      Document document =
          new Document(ID, chat.id().value())
              .append(TYPE, chat.type().wire())
              .append(PAIR_KEY, chat.id().value())
              .append(LAST_SEQ, chat.lastSeq())
              .append(CREATED_AT, date(chat.createdAt()))
              .append(UPDATED_AT, date(chat.updatedAt()));
      appendGroup(document, chat.requireGroup());
      chat.lastMessage().ifPresent(m -> document.append(LAST_MESSAGE, lastMessageDocument(m)));
      appendLastChange(document, chat);
      return document;
    }
    Document members = new Document();
    chat.members().forEach((user, state) -> members.append(user.value(), memberDocument(state)));
    Document document =
        new Document(ID, chat.id().value())
            .append(TYPE, chat.type().wire())
            .append(PAIR_KEY, chat.pair().value())
            .append(PARTICIPANTS, participants(chat))
            .append(LAST_SEQ, chat.lastSeq())
            .append(MEMBERS, members)
            .append(CREATED_AT, date(chat.createdAt()))
            .append(UPDATED_AT, date(chat.updatedAt()));
    chat.lastMessage().ifPresent(m -> document.append(LAST_MESSAGE, lastMessageDocument(m)));
    chat.support().ifPresent(support -> appendSupport(document, support));
    appendLastChange(document, chat);
    return document;
  }

  private static void appendLastChange(Document document, Chat chat) {
    if (chat.lastChange() > 0) {
      document.append(LAST_CHANGE, chat.lastChange());
    }
  }

  /** A group's own fields, every one of them (absent optional fields are left out). */
  static Document appendGroup(Document document, Group group) {
    GroupProfile profile = group.profile();
    document.append(NAME, profile.name());
    profile.description().ifPresent(d -> document.append(DESCRIPTION, d));
    profile.avatarUrl().ifPresent(a -> document.append(AVATAR_URL, a));
    return document
        .append(ONLY_ADMINS_SEND, group.onlyAdminsSend())
        .append(MEMBER_COUNT, group.memberCount());
  }

  private static Group group(Document document) {
    return new Group(
        new GroupProfile(
            document.getString(NAME),
            Optional.ofNullable(document.getString(DESCRIPTION)),
            Optional.ofNullable(document.getString(AVATAR_URL))),
        Boolean.TRUE.equals(document.getBoolean(ONLY_ADMINS_SEND)),
        (int) number(document, MEMBER_COUNT));
  }

  static List<String> participants(Chat chat) {
    return List.of(chat.pair().first().value(), chat.pair().second().value());
  }

  static void appendSupport(Document document, SupportState support) {
    document.append(STATUS, support.status().wire());
    support
        .relatedEntity()
        .ifPresent(entity -> document.append(RELATED_ENTITY, relatedEntityDocument(entity)));
    support.assignedAdminId().ifPresent(admin -> document.append(ASSIGNED_ADMIN, admin.value()));
  }

  static Chat chat(Document document) {
    ChatId id = ChatId.of(document.getString(ID));
    ChatType type = ChatType.fromWire(document.getString(TYPE));
    long lastSeq = number(document, LAST_SEQ);
    Optional<Message> lastMessage =
        Optional.ofNullable(document.get(LAST_MESSAGE, Document.class))
            .map(last -> entry(last, id, lastSeq));
    long lastChange = number(document, LAST_CHANGE);
    if (type == ChatType.GROUP) {
      return Chat.restoreGroup(
              id,
              lastSeq,
              lastMessage,
              group(document),
              instant(document, CREATED_AT),
              instant(document, UPDATED_AT))
          .withLastChange(lastChange);
    }
    Map<UserId, MemberState> members = new HashMap<>();
    Document stored = document.get(MEMBERS, Document.class);
    if (stored != null) {
      stored.forEach(
          (user, state) -> {
            Document marks = (Document) state;
            members.put(
                UserId.of(user),
                new MemberState(
                    number(marks, READ_SEQ),
                    number(marks, CLEARED_SEQ),
                    number(marks, UNREAD),
                    number(marks, DELIVERED_SEQ),
                    number(marks, ARCHIVED_SEQ)));
          });
    }
    Optional<SupportState> support =
        type == ChatType.ADMIN_SUPPORT ? Optional.of(support(document)) : Optional.empty();
    return Chat.restore(
            id,
            type,
            PairKey.parse(document.getString(PAIR_KEY)),
            lastSeq,
            lastMessage,
            members,
            support,
            instant(document, CREATED_AT),
            instant(document, UPDATED_AT))
        .withLastChange(lastChange);
  }

  private static SupportState support(Document document) {
    Optional<RelatedEntity> related =
        Optional.ofNullable(document.get(RELATED_ENTITY, Document.class))
            .map(
                e ->
                    new RelatedEntity(
                        e.getString(TYPE), Optional.ofNullable(e.getString("refId"))));
    return new SupportState(
        SupportStatus.fromWire(document.getString(STATUS)),
        related,
        Optional.ofNullable(document.getString(ASSIGNED_ADMIN)).map(UserId::of));
  }

  static String membershipKey(ChatId chat, UserId user) {
    return chat.value() + ':' + user.value();
  }

  static Document membershipDocument(Membership membership) {
    return new Document(ID, membershipKey(membership.chatId(), membership.user()))
        .append(CHAT_ID, membership.chatId().value())
        .append(USER_ID, membership.user().value())
        .append(ROLE, membership.role().wire())
        .append(JOINED_SEQ, membership.joinedSeq())
        .append(LEFT_SEQ, membership.leftSeq())
        .append(READ_SEQ, membership.readSeq())
        .append(CLEARED_SEQ, membership.clearedSeq())
        .append(JOINED_AT, date(membership.joinedAt()))
        .append(HIDDEN, membership.hidden())
        .append(DELIVERED_SEQ, membership.deliveredSeq())
        .append(ARCHIVED_SEQ, membership.archivedSeq());
  }

  static Membership membership(Document document) {
    return new Membership(
        ChatId.of(document.getString(CHAT_ID)),
        UserId.of(document.getString(USER_ID)),
        GroupRole.fromWire(document.getString(ROLE)),
        number(document, JOINED_SEQ),
        number(document, LEFT_SEQ),
        number(document, READ_SEQ),
        number(document, CLEARED_SEQ),
        instant(document, JOINED_AT),
        Boolean.TRUE.equals(document.getBoolean(HIDDEN)),
        number(document, DELIVERED_SEQ),
        number(document, ARCHIVED_SEQ));
  }
}
