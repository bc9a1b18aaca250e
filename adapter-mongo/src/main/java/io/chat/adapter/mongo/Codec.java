package io.chat.adapter.mongo;

import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatId;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.RelatedEntity;
import io.chat.domain.chat.SupportState;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageId;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Field names and the mapping between stored documents and domain values. Times are stored as BSON
 * dates, so at millisecond precision. A member field or counter that is absent reads as 0.
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
  static final String STATUS = "status";
  static final String RELATED_ENTITY = "relatedEntity";
  static final String ASSIGNED_ADMIN = "assignedAdminId";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";

  // messages (and the embedded last message, which has no chat or seq of its own)
  static final String MESSAGE_ID = "mid";
  static final String CHAT_ID = "chatId";
  static final String SEQ = "seq";
  static final String SENDER = "sender";
  static final String TEXT = "text";
  static final String CLIENT_MESSAGE_ID = "clientMessageId";
  static final String IDEMPOTENCY_KEY = "ik";

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
            .append(TEXT, message.text().value())
            .append(CREATED_AT, date(message.createdAt()));
    message
        .clientMessageId()
        .ifPresent(
            cid ->
                document
                    .append(CLIENT_MESSAGE_ID, cid.value())
                    .append(
                        IDEMPOTENCY_KEY, idempotencyKey(message.chatId(), message.sender(), cid)));
    return document;
  }

  static Message message(Document document) {
    return new Message(
        MessageId.of(document.getString(MESSAGE_ID)),
        ChatId.of(document.getString(CHAT_ID)),
        number(document, SEQ),
        UserId.of(document.getString(SENDER)),
        new MessageText(document.getString(TEXT)),
        instant(document, CREATED_AT),
        Optional.ofNullable(document.getString(CLIENT_MESSAGE_ID)).map(ClientMessageId::of));
  }

  /** The last message as embedded in its chat: its chat is the chat, its seq the chat's lastSeq. */
  static Document lastMessageDocument(Message message) {
    return lastMessageDocument(
        new NewMessage(
            message.id(),
            message.sender(),
            message.text(),
            message.createdAt(),
            message.clientMessageId()));
  }

  static Document lastMessageDocument(NewMessage message) {
    Document document =
        new Document(MESSAGE_ID, message.id().value())
            .append(SENDER, message.sender().value())
            .append(TEXT, message.text().value())
            .append(CREATED_AT, date(message.createdAt()));
    message.clientMessageId().ifPresent(cid -> document.append(CLIENT_MESSAGE_ID, cid.value()));
    return document;
  }

  static Document memberDocument(MemberState state) {
    return new Document(READ_SEQ, state.readSeq())
        .append(CLEARED_SEQ, state.clearedSeq())
        .append(UNREAD, state.unread());
  }

  static Document relatedEntityDocument(RelatedEntity entity) {
    Document document = new Document(TYPE, entity.type());
    entity.refId().ifPresent(ref -> document.append("refId", ref));
    return document;
  }

  /** The whole document of a chat, as {@code findOrCreate} stores a new one. */
  static Document chatDocument(Chat chat) {
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
    return document;
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
            .map(
                last ->
                    new Message(
                        MessageId.of(last.getString(MESSAGE_ID)),
                        id,
                        lastSeq,
                        UserId.of(last.getString(SENDER)),
                        new MessageText(last.getString(TEXT)),
                        instant(last, CREATED_AT),
                        Optional.ofNullable(last.getString(CLIENT_MESSAGE_ID))
                            .map(ClientMessageId::of)));
    Map<UserId, MemberState> members = new HashMap<>();
    Document stored = document.get(MEMBERS, Document.class);
    if (stored != null) {
      stored.forEach(
          (user, state) -> {
            Document marks = (Document) state;
            members.put(
                UserId.of(user),
                new MemberState(
                    number(marks, READ_SEQ), number(marks, CLEARED_SEQ), number(marks, UNREAD)));
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
        instant(document, UPDATED_AT));
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
}
